package org.qff.simulator.gradient;

import java.util.Random;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.observable.PauliSum;

/** Random test circuits in which a few trainables and inputs are shared across gates through expressions. */
final class RandomCircuits {
    private RandomCircuits() {}

    static final GateKind[] PARAMETERISED = {
        GateKind.RX, GateKind.RY, GateKind.RZ, GateKind.PHASE, GateKind.U2, GateKind.U3, GateKind.SU2,
        GateKind.CRX, GateKind.CRY, GateKind.CRZ, GateKind.CPHASE, GateKind.CU3,
        GateKind.RXX, GateKind.RYY, GateKind.RZZ, GateKind.HEISENBERG,
    };

    /** A random argument: a symbol, an affine map of one, a product (input × trainable), a sum, or a constant. */
    static Expr randomArg(Random r) {
        Expr t = Expr.trainable("t" + r.nextInt(3));
        Expr x = Expr.input("x" + r.nextInt(2));
        return switch (r.nextInt(6)) {
            case 0 -> t;
            case 1 -> x.times(0.8 + r.nextDouble()).plus(0.3);
            case 2 -> x.times(t);
            case 3 -> t.plus(x).negate();
            case 4 -> t.times(t).times(0.5);
            default -> Expr.constant(r.nextDouble() * 2 - 1);
        };
    }

    /** n-qubit circuit: a layer of H and RY, then {@code count} gates of {@code kind} on random qubits interleaved with CX. */
    static Circuit withKind(GateKind kind, int n, int count, Random r) {
        CircuitBuilder b = Circuit.builder(n);
        for (int q = 0; q < n; q++) b.h(q).ry(q, Expr.trainable("t" + (q % 3)).plus(0.1 * q));
        // Make sure every symbol appears at least once so slots are predictable.
        b.rz(0, Expr.input("x0")).rx(n - 1, Expr.input("x1").times(Expr.trainable("t0")));
        for (int i = 0; i < count; i++) {
            int[] qs = distinct(kind.qubits(), n, r);
            Expr[] args = new Expr[kind.args()];
            for (int a = 0; a < args.length; a++) args[a] = randomArg(r);
            b.gate(kind, qs, args);
            int[] e = distinct(2, n, r);
            b.cx(e[0], e[1]);
        }
        return b.build();
    }

    static int[] distinct(int k, int n, Random r) {
        int[] q = new int[k];
        for (int i = 0; i < k; i++) {
            boolean again;
            do {
                q[i] = r.nextInt(n);
                again = false;
                for (int j = 0; j < i; j++) again |= q[j] == q[i];
            } while (again);
        }
        return q;
    }

    static Bindings randomBindings(Circuit c, Random r) {
        double[] t = new double[c.trainableCount()], x = new double[c.inputCount()];
        for (int i = 0; i < t.length; i++) t[i] = 2 * r.nextDouble() - 1;
        for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
        return new Bindings(t, x);
    }

    /** A Hermitian observable touching every qubit with mixed Pauli letters. */
    static PauliSum observable(int n) {
        StringBuilder s = new StringBuilder("0.7*Z0");
        for (int q = 1; q < n; q++) s.append(" + ").append(0.3 + 0.1 * q).append("*X").append(q - 1).append(" Y").append(q);
        s.append(" - 0.4*Z").append(n - 1).append(" X0");
        return PauliSum.parse(s.toString());
    }
}
