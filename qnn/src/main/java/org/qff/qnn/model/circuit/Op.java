package org.qff.qnn.model.circuit;

/**
 * One operation of a {@link QnnCircuit}. Every argument is an entry of the circuit's flat
 * parameter vector, so the model decides classically how geometry and weights feed the circuit.
 */
public sealed interface Op permits Op.Su2, Op.Exchange, Op.Rotation {

    /** Index of the first parameter this op reads. */
    int param();

    /** Number of parameters it reads (consecutive from {@link #param()}). */
    int paramCount();

    /** SU(2) encoding exp(−i v·σ/2) on one qubit, v = p[param .. param+2]: rotation-equivariant. */
    record Su2(int qubit, int param) implements Op {
        public int paramCount() { return 3; }
    }

    /** Heisenberg exchange exp(−iJ(XX+YY+ZZ)) on two qubits, J = p[param]: commutes with global SU(2). */
    record Exchange(int a, int b, int param) implements Op {
        public Exchange {
            if (a == b) throw new IllegalArgumentException("exchange needs two different qubits, got " + a + " twice");
        }
        public int paramCount() { return 1; }
    }

    /**
     * exp(−iφσ_axis/2) about a FIXED axis (0 = x, 1 = y, 2 = z), φ = p[param]. Breaks rotational
     * symmetry on purpose: for small, explicitly symmetry-breaking terms only.
     */
    record Rotation(int qubit, int axis, int param) implements Op {
        public Rotation {
            if (axis < 0 || axis > 2) throw new IllegalArgumentException("rotation axis must be 0 (x), 1 (y) or 2 (z), got " + axis);
        }
        public int paramCount() { return 1; }
    }
}
