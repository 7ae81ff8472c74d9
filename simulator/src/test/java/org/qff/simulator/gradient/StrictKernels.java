package org.qff.simulator.gradient;

import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;

/**
 * The scalar kernels behind a check of the {@link GateKernels} contract: matrices of exactly
 * 2·4^k doubles, diagonals of 2·2^k, distinct in-range qubits. Fast kernels enforce this; the
 * scalar reference does not, so tests use this wrapper to catch a mis-sized buffer.
 */
final class StrictKernels implements GateKernels {
    static final StrictKernels INSTANCE = new StrictKernels();
    private static final GateKernels K = ScalarKernels.INSTANCE;

    private static void check(StateVector s, int[] qubits, double[] m, int expected, String what) {
        if (m.length != expected) throw new AssertionError(what + ": " + expected + " doubles expected, got " + m.length);
        for (int i = 0; i < qubits.length; i++) {
            if (qubits[i] < 0 || qubits[i] >= s.qubits()) throw new AssertionError(what + ": qubit " + qubits[i] + " out of range");
            for (int j = 0; j < i; j++) if (qubits[i] == qubits[j]) throw new AssertionError(what + ": repeated qubit " + qubits[i]);
        }
    }

    @Override public void dense1(StateVector s, int t, double[] u) { check(s, new int[] {t}, u, 8, "dense1"); K.dense1(s, t, u); }
    @Override public void ry(StateVector s, int t, double theta) { check(s, new int[] {t}, new double[0], 0, "ry"); K.ry(s, t, theta); }
    @Override public void diagonal1(StateVector s, int t, double a, double b, double c, double d) { check(s, new int[] {t}, new double[0], 0, "diagonal1"); K.diagonal1(s, t, a, b, c, d); }
    @Override public void diagonal(StateVector s, int[] q, double[] d) { check(s, q, d, 2 << q.length, "diagonal"); K.diagonal(s, q, d); }
    @Override public void controlledX(StateVector s, int[] c, int t) { K.controlledX(s, c, t); }
    @Override public void swap(StateVector s, int a, int b) { K.swap(s, a, b); }
    @Override public void controlled1(StateVector s, int[] c, int t, double[] u) { check(s, new int[] {t}, u, 8, "controlled1"); K.controlled1(s, c, t, u); }
    @Override public void dense2(StateVector s, int q0, int q1, double[] u) { check(s, new int[] {q0, q1}, u, 32, "dense2"); K.dense2(s, q0, q1, u); }
    @Override public void denseK(StateVector s, int[] q, double[] u) { check(s, q, u, 2 << (2 * q.length), "denseK"); K.denseK(s, q, u); }
    @Override public void scale(StateVector s, double f) { K.scale(s, f); }
}
