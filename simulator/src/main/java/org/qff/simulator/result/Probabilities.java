package org.qff.simulator.result;

import org.qff.simulator.StateVector;

/** Born-rule probabilities |a_i|² read from a state in place. */
public final class Probabilities {
    private Probabilities() {}

    /** |a_index|². */
    public static double of(StateVector s, long index) {
        if (index < 0 || index >= s.dimension()) throw new IllegalArgumentException("basis index " + index + " is outside 0.." + (s.dimension() - 1));
        double r = s.re(index), m = s.im(index);
        return r * r + m * m;
    }

    /** All 2^n probabilities (for states of at most 26 qubits, which fit a Java array comfortably). */
    public static double[] all(StateVector s) {
        if (s.qubits() > 26) throw new IllegalArgumentException("a " + s.qubits() + "-qubit state has too many probabilities for one array; read them with of(state, index)");
        double[] p = new double[(int) s.dimension()];
        for (int i = 0; i < p.length; i++) {
            double r = s.re(i), m = s.im(i);
            p[i] = r * r + m * m;
        }
        return p;
    }

    /** Probability that {@code qubit} reads 1. */
    public static double ofOne(StateVector s, int qubit) {
        if (qubit < 0 || qubit >= s.qubits()) throw new IllegalArgumentException("qubit " + qubit + " is outside 0.." + (s.qubits() - 1));
        long bit = 1L << qubit;
        double p = 0;
        for (long i = 0; i < s.dimension(); i++) {
            if ((i & bit) != 0) {
                double r = s.re(i), m = s.im(i);
                p += r * r + m * m;
            }
        }
        return p;
    }
}
