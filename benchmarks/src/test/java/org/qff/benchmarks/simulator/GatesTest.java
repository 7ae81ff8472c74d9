package org.qff.benchmarks.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.kernel.VectorKernels;

/** The benchmarked gates are what their names say, and the vector kernels apply them as the scalar reference does. */
class GatesTest {

    @Test
    void dense2IsAGeneralOneQubitUnitaryAndDense4ATwoQubitOne() {
        assertEquals(8, Gates.DENSE1.length, "dense2 is a 2×2 (one qubit)");
        assertEquals(32, Gates.DENSE4.length, "dense4 is a 4×4 (two qubits)");
        assertUnitary(Gates.DENSE1, 2);
        assertUnitary(Gates.DENSE4, 4);
        // complex off-diagonal and phase entries, so it takes the general complex kernel, not RY's or a real one
        for (int i = 3; i < 8; i += 2) assertTrue(Math.abs(Gates.DENSE1[i]) > 0.1, "imaginary part of entry " + i / 2);
        assertEquals("dense2", Gates.NAMES[Gates.code("dense2")]);
    }

    @Test
    void everyGateMatchesTheScalarReferenceOnLowAndHighPositions() {
        int n = 7;
        for (String name : Gates.NAMES) {
            int code = Gates.code(name);
            for (int a = 0; a < n - 1; a++) {
                try (StateVector ref = spread(n, ScalarKernels.INSTANCE); StateVector vec = spread(n, VectorKernels.singleThreaded())) {
                    Gates.apply(ScalarKernels.INSTANCE, ref, code, a, a + 1);
                    Gates.apply(VectorKernels.singleThreaded(), vec, code, a, a + 1);
                    for (long i = 0; i < ref.dimension(); i++) {
                        // same matrix, different summation order: a few ulps of amplitudes ≤ 1
                        assertEquals(ref.re(i), vec.re(i), 1e-13, name + " on " + a + ", amplitude " + i);
                        assertEquals(ref.im(i), vec.im(i), 1e-13, name + " on " + a + ", amplitude " + i);
                    }
                }
            }
        }
    }

    private static StateVector spread(int n, GateKernels k) {
        StateVector s = StateVector.zero(n);
        k.dense1(s, 0, Gates.H);
        for (int q = 1; q < n; q++) k.ry(s, q, 0.3 + 0.1 * q);
        return s;
    }

    private static void assertUnitary(double[] u, int m) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double re = 0, im = 0;
                for (int k = 0; k < m; k++) {
                    double ar = u[2 * (k * m + i)], ai = -u[2 * (k * m + i) + 1], br = u[2 * (k * m + j)], bi = u[2 * (k * m + j) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                // U†U = I to rounding of a few products of order-1 numbers
                assertEquals(i == j ? 1 : 0, re, 1e-14, "(U†U)[" + i + "][" + j + "]");
                assertEquals(0, im, 1e-14);
            }
        }
    }
}
