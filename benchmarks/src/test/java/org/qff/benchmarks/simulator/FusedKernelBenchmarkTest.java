package org.qff.benchmarks.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/** The benchmarked fused passes are the CNOT-ladder stretches their javadoc names, and take the fused kernels. */
class FusedKernelBenchmarkTest {

    // same gates, different summation order and the pivot form: a few ulps of amplitudes ≤ 1
    private static final double TOL = 1e-13;

    @Test
    void tileIsThreeRotationsThenTheLadder() {
        int n = 9;
        for (int s = 3; s + 3 < n; s++) {
            KernelOp op = KernelOp.tile(new int[] {s + 1, s + 2, s + 3}, s, FusedKernelBenchmark.rotations(0.4, 0.5, 0.6),
                    FusedKernelBenchmark.ladderPermutation());
            assertTrue(op.toString().startsWith("TILE3_REAL_HIGH"), op.toString());
            try (StateVector ref = spread(n); StateVector vec = spread(n)) {
                ScalarKernels k = ScalarKernels.INSTANCE;
                k.ry(ref, s + 1, 0.4);
                k.ry(ref, s + 2, 0.5);
                k.ry(ref, s + 3, 0.6);
                for (int q = s; q < s + 3; q++) k.controlledX(ref, new int[] {q}, q + 1);
                VectorKernels.singleThreaded().apply(vec, op);
                assertClose(ref, vec, "tile with selector " + s);
            }
        }
    }

    @Test
    void muxIsTwoRotationsThenTheLadder() {
        int n = 9;
        for (int s = 3; s + 2 < n; s++) {
            KernelOp op = KernelOp.dense(new int[] {s, s + 1, s + 2}, FusedKernelBenchmark.ladderPair(0.4, 0.5));
            assertTrue(op.toString().startsWith("MUX2_REAL_HIGH"), op.toString());
            try (StateVector ref = spread(n); StateVector vec = spread(n)) {
                ScalarKernels k = ScalarKernels.INSTANCE;
                k.ry(ref, s + 1, 0.4);
                k.ry(ref, s + 2, 0.5);
                k.controlledX(ref, new int[] {s}, s + 1);
                k.controlledX(ref, new int[] {s + 1}, s + 2);
                VectorKernels.singleThreaded().apply(vec, op);
                assertClose(ref, vec, "mux with selector " + s);
            }
        }
    }

    private static StateVector spread(int n) {
        StateVector s = StateVector.zero(n);
        for (int q = 0; q < n; q++) ScalarKernels.INSTANCE.ry(s, q, 0.3 + 0.1 * q);
        ScalarKernels.INSTANCE.dense1(s, 0, Gates.DENSE1); // complex amplitudes, so the imaginary half is exercised too
        return s;
    }

    private static void assertClose(StateVector ref, StateVector vec, String what) {
        for (long i = 0; i < ref.dimension(); i++) {
            assertEquals(ref.re(i), vec.re(i), TOL, what + ", amplitude " + i);
            assertEquals(ref.im(i), vec.im(i), TOL, what + ", amplitude " + i);
        }
    }
}
