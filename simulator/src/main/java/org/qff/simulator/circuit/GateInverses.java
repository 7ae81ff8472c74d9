package org.qff.simulator.circuit;

/** The inverse of each gate kind, expressed as a gate of the same family with transformed arguments. */
final class GateInverses {
    private GateInverses() {}

    static Gate of(Gate g) {
        Expr[] a = g.args();
        int[] q = g.qubits();
        return switch (g.kind()) {
            case I, H, X, Y, Z, CX, CY, CZ, CH, SWAP, CCX, CSWAP -> g;
            case S -> new Gate(GateKind.SDG, q, a, null);
            case SDG -> new Gate(GateKind.S, q, a, null);
            case T -> new Gate(GateKind.TDG, q, a, null);
            case TDG -> new Gate(GateKind.T, q, a, null);
            case SX -> new Gate(GateKind.UNITARY, q, new Expr[0], GateMatrices.adjoint(GateMatrices.of(GateKind.SX), 2));
            case RX, RY, RZ, PHASE, CRX, CRY, CRZ, CPHASE, RXX, RYY, RZZ, HEISENBERG, SU2 -> new Gate(g.kind(), q, negateAll(a), null);
            // u3(θ,φ,λ)† = u3(−θ, −λ, −φ); u2(φ,λ) = u3(π/2, φ, λ)
            case U3, CU3 -> new Gate(g.kind(), q, new Expr[] {a[0].negate(), a[2].negate(), a[1].negate()}, null);
            case U2 -> new Gate(GateKind.U3, q, new Expr[] {Expr.constant(-Math.PI / 2), a[1].negate(), a[0].negate()}, null);
            case UNITARY -> new Gate(GateKind.UNITARY, q, a, GateMatrices.adjoint(g.matrix(), 1 << q.length));
        };
    }

    private static Expr[] negateAll(Expr[] a) {
        Expr[] n = new Expr[a.length];
        for (int i = 0; i < a.length; i++) n[i] = a[i].negate();
        return n;
    }
}
