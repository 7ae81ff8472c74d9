package org.qff.simulator.circuit;

import java.util.Arrays;

/**
 * One gate of a circuit: a kind, the qubits it acts on (controls first), its symbolic arguments,
 * and for {@link GateKind#UNITARY} the fixed matrix. Validated when built: qubit range and
 * distinctness, argument count, unitarity.
 */
public record Gate(GateKind kind, int[] qubits, Expr[] args, double[] matrix) {

    public Gate {
        qubits = qubits.clone();
        args = args.clone();
        matrix = matrix == null ? null : matrix.clone();
        int expectedQubits = kind == GateKind.UNITARY ? qubits.length : kind.qubits();
        if (qubits.length != expectedQubits) {
            throw new IllegalArgumentException(kind + " acts on " + kind.qubits() + " qubits, got " + qubits.length);
        }
        if (args.length != kind.args()) throw new IllegalArgumentException(kind + " takes " + kind.args() + " arguments, got " + args.length);
        for (int i = 0; i < qubits.length; i++) {
            if (qubits[i] < 0) throw new IllegalArgumentException(kind + ": negative qubit index " + qubits[i]);
            for (int j = 0; j < i; j++) {
                if (qubits[i] == qubits[j]) throw new IllegalArgumentException(kind + ": qubit " + qubits[i] + " is repeated within the gate");
            }
        }
        if (kind == GateKind.UNITARY) {
            if (matrix == null) throw new IllegalArgumentException("UNITARY needs a matrix");
            if (qubits.length < 1 || qubits.length > 5) throw new IllegalArgumentException("UNITARY acts on 1..5 qubits, got " + qubits.length);
            GateMatrices.checkUnitary(matrix, qubits.length);
        } else if (matrix != null) {
            throw new IllegalArgumentException(kind + " takes no matrix");
        }
    }

    /** True when no argument mentions a trainable parameter or input: the matrix is known before binding. */
    public boolean isFixed() {
        boolean[] symbolic = {false};
        for (Expr a : args) a.forEachSymbol(sym -> symbolic[0] = true);
        return !symbolic[0];
    }

    /**
     * Evaluates the arguments into {@code out} (length ≥ args) without allocating; throws naming
     * the gate and the argument when a value is NaN or infinite.
     */
    public void argValues(Bindings b, double[] out) {
        for (int i = 0; i < args.length; i++) {
            double v = args[i].eval(b);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("gate " + this + ": argument " + args[i] + " evaluates to " + v + ", which is not finite");
            }
            out[i] = v;
        }
    }

    public int maxQubit() { return Arrays.stream(qubits).max().orElse(-1); }

    /** Argument values at the given bindings. */
    public double[] argValues(Bindings b) {
        double[] v = new double[args.length];
        for (int i = 0; i < v.length; i++) v[i] = args[i].eval(b);
        return v;
    }

    /** The dense matrix at the given bindings, over {@link #qubits()} in order. */
    public double[] matrix(Bindings b) {
        return kind == GateKind.UNITARY ? matrix.clone() : GateMatrices.of(kind, argValues(b));
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + (args.length > 0 ? Arrays.toString(args) : "") + " " + Arrays.toString(qubits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gate g && g.kind == kind && Arrays.equals(g.qubits, qubits) && Arrays.equals(g.args, args) && Arrays.equals(g.matrix, matrix);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(qubits);
    }
}
