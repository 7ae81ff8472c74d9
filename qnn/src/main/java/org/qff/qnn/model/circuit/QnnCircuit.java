package org.qff.qnn.model.circuit;

import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.observable.PauliString;
import org.qff.simulator.observable.PauliSum;

import java.util.ArrayList;
import java.util.List;

/**
 * An equivariant QNN circuit: an initial product of singlet pairs, a sequence of {@link Op}s whose
 * arguments are entries of a flat parameter vector p, and an observable Σ c·(X_aX_b + Y_aY_b + Z_aZ_b).
 * Immutable; built with {@link #builder(int)}; evaluated and differentiated by {@link SmallCircuitEngine}.
 *
 * <p>With only {@link Op.Su2} and {@link Op.Exchange} ops, ⟨O⟩(R·v) = ⟨O⟩(v) for every rotation R
 * applied to all encoding vectors: the singlets and the observable are SU(2)-invariant, exchange
 * commutes with global SU(2), and U(Rv) = g U(v) g†.
 */
public final class QnnCircuit {
    private final int qubits;
    private final int[][] singlets;
    private final List<Op> ops;
    private final int[][] observablePairs;
    private final double[] observableCoefficients;
    private final int paramCount;

    private QnnCircuit(Builder b) {
        this.qubits = b.qubits;
        this.singlets = b.singlets.toArray(new int[0][]);
        this.ops = List.copyOf(b.ops);
        this.observablePairs = b.obsPairs.toArray(new int[0][]);
        this.observableCoefficients = b.obsCoef.stream().mapToDouble(Double::doubleValue).toArray();
        int max = 0;
        for (Op op : ops) max = Math.max(max, op.param() + op.paramCount());
        this.paramCount = Math.max(max, b.declaredParams);
    }

    public static Builder builder(int qubits) { return new Builder(qubits); }

    public int qubits() { return qubits; }

    public List<Op> ops() { return ops; }

    /** Number of entries of the parameter vector the ops read. */
    public int paramCount() { return paramCount; }

    /** Pairs (a, b) prepared as (|0_a 1_b⟩ − |1_a 0_b⟩)/√2 at the start. */
    public int[][] singlets() { return singlets.clone(); }

    int[][] observablePairsRaw() { return observablePairs; }

    double[] observableCoefficientsRaw() { return observableCoefficients; }

    int[][] singletsRaw() { return singlets; }

    /** The observable as a Pauli sum, for cross-checks with the general simulator. */
    public PauliSum observable() {
        List<PauliString> terms = new ArrayList<>();
        for (int k = 0; k < observablePairs.length; k++) {
            int[] q = observablePairs[k];
            for (char p : new char[] {'X', 'Y', 'Z'}) terms.add(new PauliString(observableCoefficients[k], q, new char[] {p, p}));
        }
        return new PauliSum(terms);
    }

    /**
     * The same circuit in the general circuit model: singlets prepared with H, CX, X, Z gates, every
     * parameter an input named "p&lt;index&gt;". Used to cross-check this engine against
     * {@link org.qff.simulator.circuit.CircuitRunner}, and by tools that take a general {@link Circuit}.
     */
    public Circuit toCircuit() {
        CircuitBuilder cb = Circuit.builder(qubits);
        for (int[] s : singlets) cb.h(s[0]).cx(s[0], s[1]).x(s[1]).z(s[0]);
        for (Op op : ops) {
            switch (op) {
                case Op.Su2 g -> cb.su2(g.qubit(), in(g.param()), in(g.param() + 1), in(g.param() + 2));
                case Op.Exchange e -> cb.heisenberg(e.a(), e.b(), in(e.param()));
                case Op.Rotation r -> {
                    switch (r.axis()) {
                        case 0 -> cb.rx(r.qubit(), in(r.param()));
                        case 1 -> cb.ry(r.qubit(), in(r.param()));
                        default -> cb.rz(r.qubit(), in(r.param()));
                    }
                }
            }
        }
        return cb.build();
    }

    private static Expr in(int index) { return Expr.input("p" + index); }

    @Override
    public String toString() {
        return "QnnCircuit[" + qubits + " qubits, " + ops.size() + " ops, " + paramCount + " parameters]";
    }

    /** Composes initial state, layers and observable; checks qubit ranges as it goes. */
    public static final class Builder {
        private final int qubits;
        private final List<int[]> singlets = new ArrayList<>();
        private final List<Op> ops = new ArrayList<>();
        private final List<int[]> obsPairs = new ArrayList<>();
        private final List<Double> obsCoef = new ArrayList<>();
        private final boolean[] paired;
        private int declaredParams;

        private Builder(int qubits) {
            if (qubits < 2 || qubits > 20) throw new IllegalArgumentException("a QNN circuit needs 2..20 qubits, got " + qubits);
            this.qubits = qubits;
            this.paired = new boolean[qubits];
        }

        private void check(int q) {
            if (q < 0 || q >= qubits) throw new IllegalArgumentException("qubit " + q + " is outside 0.." + (qubits - 1));
        }

        /** Prepares qubits a, b in the singlet (|01⟩ − |10⟩)/√2 (before any op). */
        public Builder singlet(int a, int b) {
            check(a);
            check(b);
            if (a == b || paired[a] || paired[b]) throw new IllegalArgumentException("qubits " + a + ", " + b + " cannot form a singlet (same qubit or already paired)");
            if (!ops.isEmpty()) throw new IllegalArgumentException("singlets are the initial state: add them before any op");
            paired[a] = paired[b] = true;
            singlets.add(new int[] {a, b});
            return this;
        }

        /** Singlets on (0,1), (2,3), …; an odd last qubit stays in |0⟩ (not invariant: avoid). */
        public Builder singletPairs() {
            for (int q = 0; q + 1 < qubits; q += 2) singlet(q, q + 1);
            return this;
        }

        public Builder su2(int qubit, int param) {
            check(qubit);
            ops.add(new Op.Su2(qubit, checkParam(param)));
            return this;
        }

        public Builder exchange(int a, int b, int param) {
            check(a);
            check(b);
            ops.add(new Op.Exchange(a, b, checkParam(param)));
            return this;
        }

        public Builder rotation(int qubit, int axis, int param) {
            check(qubit);
            ops.add(new Op.Rotation(qubit, axis, checkParam(param)));
            return this;
        }

        /** Adds c·(X_aX_b + Y_aY_b + Z_aZ_b) to the observable. */
        public Builder observePair(int a, int b, double coefficient) {
            check(a);
            check(b);
            if (a == b) throw new IllegalArgumentException("observable pair needs two qubits, got " + a + " twice");
            if (!Double.isFinite(coefficient)) throw new IllegalArgumentException("observable coefficient is not finite: " + coefficient);
            obsPairs.add(new int[] {a, b});
            obsCoef.add(coefficient);
            return this;
        }

        /** Declares the parameter vector at least this long (for parameters no op reads yet). */
        public Builder parameters(int count) {
            declaredParams = Math.max(declaredParams, count);
            return this;
        }

        private static int checkParam(int p) {
            if (p < 0) throw new IllegalArgumentException("negative parameter index " + p);
            return p;
        }

        public QnnCircuit build() {
            if (obsPairs.isEmpty()) throw new IllegalArgumentException("the circuit has no observable: add observePair(...)");
            return new QnnCircuit(this);
        }
    }
}
