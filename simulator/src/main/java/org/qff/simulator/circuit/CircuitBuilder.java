package org.qff.simulator.circuit;

import java.util.ArrayList;
import java.util.List;

/**
 * Fluent builder: {@code Circuit.builder(2).h(0).ry(1, Expr.trainable("a")).cx(0, 1).build()}.
 * Angles are given as numbers or as {@link Expr}s over named trainables and inputs.
 */
public final class CircuitBuilder {
    private final int qubits;
    private final List<Gate> gates = new ArrayList<>();

    CircuitBuilder(int qubits) {
        if (qubits < 1 || qubits > org.qff.simulator.StateVector.MAX_QUBITS) {
            throw new IllegalArgumentException("qubit count " + qubits + " is outside 1.." + org.qff.simulator.StateVector.MAX_QUBITS);
        }
        this.qubits = qubits;
    }

    public CircuitBuilder gate(GateKind kind, int[] qubitList, Expr... args) {
        return append(new Gate(kind, qubitList, args, null));
    }

    /** A fixed unitary on 1..5 qubits (checked unitary within 1e-10). */
    public CircuitBuilder unitary(double[] matrix, int... qubitList) {
        return append(new Gate(GateKind.UNITARY, qubitList, new Expr[0], matrix));
    }

    /** Adds a gate; fails at once (naming the gate) when it uses a qubit the circuit lacks. */
    public CircuitBuilder append(Gate g) {
        if (g.maxQubit() >= qubits) {
            throw new IllegalArgumentException("gate " + g + " uses qubit " + g.maxQubit() + " but the circuit has " + qubits + " qubits (0.." + (qubits - 1) + ")");
        }
        gates.add(g);
        return this;
    }

    public int qubits() { return qubits; }

    public CircuitBuilder append(Circuit c) {
        if (c.qubits() > qubits) throw new IllegalArgumentException("cannot append a " + c.qubits() + "-qubit circuit to a " + qubits + "-qubit one");
        gates.addAll(c.gates());
        return this;
    }

    private CircuitBuilder g1(GateKind k, int q) { return gate(k, new int[] {q}); }

    private static Expr c(double v) { return Expr.constant(v); }

    public CircuitBuilder h(int q) { return g1(GateKind.H, q); }
    public CircuitBuilder x(int q) { return g1(GateKind.X, q); }
    public CircuitBuilder y(int q) { return g1(GateKind.Y, q); }
    public CircuitBuilder z(int q) { return g1(GateKind.Z, q); }
    public CircuitBuilder s(int q) { return g1(GateKind.S, q); }
    public CircuitBuilder sdg(int q) { return g1(GateKind.SDG, q); }
    public CircuitBuilder t(int q) { return g1(GateKind.T, q); }
    public CircuitBuilder tdg(int q) { return g1(GateKind.TDG, q); }
    public CircuitBuilder sx(int q) { return g1(GateKind.SX, q); }
    public CircuitBuilder rx(int q, Expr a) { return gate(GateKind.RX, new int[] {q}, a); }
    public CircuitBuilder ry(int q, Expr a) { return gate(GateKind.RY, new int[] {q}, a); }
    public CircuitBuilder rz(int q, Expr a) { return gate(GateKind.RZ, new int[] {q}, a); }
    public CircuitBuilder rx(int q, double a) { return rx(q, c(a)); }
    public CircuitBuilder ry(int q, double a) { return ry(q, c(a)); }
    public CircuitBuilder rz(int q, double a) { return rz(q, c(a)); }
    public CircuitBuilder phase(int q, Expr l) { return gate(GateKind.PHASE, new int[] {q}, l); }
    public CircuitBuilder phase(int q, double l) { return phase(q, c(l)); }
    public CircuitBuilder u2(int q, double phi, double lambda) { return gate(GateKind.U2, new int[] {q}, c(phi), c(lambda)); }
    public CircuitBuilder u3(int q, Expr theta, Expr phi, Expr lambda) { return gate(GateKind.U3, new int[] {q}, theta, phi, lambda); }
    public CircuitBuilder u3(int q, double theta, double phi, double lambda) { return u3(q, c(theta), c(phi), c(lambda)); }
    /** The SU(2) encoding gate exp(−i v·σ/2). */
    public CircuitBuilder su2(int q, Expr vx, Expr vy, Expr vz) { return gate(GateKind.SU2, new int[] {q}, vx, vy, vz); }
    public CircuitBuilder su2(int q, double vx, double vy, double vz) { return su2(q, c(vx), c(vy), c(vz)); }
    public CircuitBuilder cx(int control, int target) { return gate(GateKind.CX, new int[] {control, target}); }
    public CircuitBuilder cy(int control, int target) { return gate(GateKind.CY, new int[] {control, target}); }
    public CircuitBuilder cz(int a, int b) { return gate(GateKind.CZ, new int[] {a, b}); }
    public CircuitBuilder ch(int control, int target) { return gate(GateKind.CH, new int[] {control, target}); }
    public CircuitBuilder swap(int a, int b) { return gate(GateKind.SWAP, new int[] {a, b}); }
    public CircuitBuilder crx(int control, int target, Expr a) { return gate(GateKind.CRX, new int[] {control, target}, a); }
    public CircuitBuilder cry(int control, int target, Expr a) { return gate(GateKind.CRY, new int[] {control, target}, a); }
    public CircuitBuilder crz(int control, int target, Expr a) { return gate(GateKind.CRZ, new int[] {control, target}, a); }
    public CircuitBuilder cphase(int control, int target, Expr l) { return gate(GateKind.CPHASE, new int[] {control, target}, l); }
    public CircuitBuilder cphase(int control, int target, double l) { return cphase(control, target, c(l)); }
    public CircuitBuilder cu3(int control, int target, Expr th, Expr ph, Expr la) { return gate(GateKind.CU3, new int[] {control, target}, th, ph, la); }
    public CircuitBuilder rxx(int a, int b, Expr t) { return gate(GateKind.RXX, new int[] {a, b}, t); }
    public CircuitBuilder ryy(int a, int b, Expr t) { return gate(GateKind.RYY, new int[] {a, b}, t); }
    public CircuitBuilder rzz(int a, int b, Expr t) { return gate(GateKind.RZZ, new int[] {a, b}, t); }
    public CircuitBuilder rzz(int a, int b, double t) { return rzz(a, b, c(t)); }
    /** Heisenberg exchange exp(−iJ(XX+YY+ZZ)). */
    public CircuitBuilder heisenberg(int a, int b, Expr j) { return gate(GateKind.HEISENBERG, new int[] {a, b}, j); }
    public CircuitBuilder heisenberg(int a, int b, double j) { return heisenberg(a, b, c(j)); }
    public CircuitBuilder ccx(int c0, int c1, int target) { return gate(GateKind.CCX, new int[] {c0, c1, target}); }
    public CircuitBuilder cswap(int control, int a, int b) { return gate(GateKind.CSWAP, new int[] {control, a, b}); }

    public Circuit build() {
        return new Circuit(qubits, gates);
    }
}
