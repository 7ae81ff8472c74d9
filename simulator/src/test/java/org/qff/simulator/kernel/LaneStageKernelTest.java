package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.qff.simulator.kernel.KernelTestSupport.TOL;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesClose;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesIdentical;
import static org.qff.simulator.kernel.KernelTestSupport.randomState;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;

/**
 * Lane stages ({@link LaneStageSweeps}): three real multiplexed 2×2 stages on qubits 0, 1, 2, maybe
 * followed by a lane-multiplexed 2×2 on one high qubit, checked
 * against the scalar dense reference of their 8×8 product for random real stages (not only
 * orthogonal ones: the kernel applies any real 2×2s) on states of 3..9 qubits; bit-identical however
 * the groups are split, with threads, through contiguous, strided and gathered blocks; re-bound
 * stages; bad arguments. Needs 8-lane vectors (AVX-512); skipped elsewhere.
 *
 * <p>Tolerance: {@link KernelTestSupport#TOL} (1e-12): three 2-term products against one 8-term sum
 * per row, a few ulps of amplitudes of order 1; a wrong lane, context or coefficient gives errors of
 * the size of the amplitudes.
 */
class LaneStageKernelTest {

    @BeforeEach
    void eightLanes() {
        assumeTrue(VectorKernels.lanes() == 8, "lane stages need 8-lane vectors");
    }

    static double[] randomStages(Random rnd) {
        double[] s = new double[KernelOp.LANE_STAGE_VALUES];
        for (int i = 0; i < s.length; i++) s[i] = rnd.nextGaussian();
        return s;
    }

    /** The stages' product as a dense 8×8 (interleaved complex, imaginary parts 0) on qubits (0, 1, 2). */
    static double[] dense(double[] st) {
        double[][] m = new double[8][8];
        for (int i = 0; i < 8; i++) m[i][i] = 1;
        for (int j = 0; j < 3; j++) {
            double[][] s = new double[8][8];
            for (int row = 0; row < 8; row++) {
                int b = (row >> j) & 1, ctx = (row & ((1 << j) - 1)) | ((row >> (j + 1)) << j), at = 16 * j + 4 * ctx;
                s[row][row] = st[at + 3 * b];
                s[row][row ^ (1 << j)] = st[at + 1 + b];
            }
            double[][] p = new double[8][8];
            for (int r = 0; r < 8; r++) for (int c = 0; c < 8; c++) for (int k = 0; k < 8; k++) p[r][c] += s[r][k] * m[k][c];
            m = p;
        }
        double[] u = new double[128];
        for (int r = 0; r < 8; r++) for (int c = 0; c < 8; c++) u[2 * (8 * r + c)] = m[r][c];
        return u;
    }

    static double[] randomHigh(Random rnd) {
        double[] h = new double[KernelOp.HIGH_STAGE_VALUES];
        for (int i = 0; i < h.length; i++) h[i] = rnd.nextGaussian();
        return h;
    }

    /** The stages then the high stage as a dense 16×16 on (0, 1, 2, high): local bit 3 ↔ the high qubit. */
    static double[] dense(double[] st, double[] hs) {
        double[] lanes = dense(st);
        double[][] m = new double[16][16];
        for (int r = 0; r < 16; r++) for (int c = 0; c < 16; c++) if ((r >> 3) == (c >> 3)) m[r][c] = lanes[2 * (8 * (r & 7) + (c & 7))];
        double[][] h = new double[16][16];
        for (int lane = 0; lane < 8; lane++) {
            h[lane][lane] = hs[4 * lane];
            h[lane][lane | 8] = hs[4 * lane + 1];
            h[lane | 8][lane] = hs[4 * lane + 2];
            h[lane | 8][lane | 8] = hs[4 * lane + 3];
        }
        double[] u = new double[512];
        for (int r = 0; r < 16; r++) for (int c = 0; c < 16; c++) {
            double v = 0;
            for (int k = 0; k < 16; k++) v += h[r][k] * m[k][c];
            u[2 * (16 * r + c)] = v;
        }
        return u;
    }

    @Test
    void withAHighStageMatchesTheScalarReference() {
        Random rnd = new Random(55);
        for (int n = 4; n <= 9; n++) {
            for (int high = 3; high < n; high += 2) {
                double[] st = randomStages(rnd), hs = randomHigh(rnd);
                KernelOp op = KernelOp.laneStages(st, high, hs);
                try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy(); StateVector two = ref.copy()) {
                    ScalarKernels.INSTANCE.denseK(ref, new int[] {0, 1, 2, high}, dense(st, hs));
                    VectorKernels.singleThreaded().apply(vec, op);
                    assertStatesClose(ref, vec, TOL, "n=" + n + " high " + high);
                    VectorKernels.withThreads(2, 2).apply(two, op);
                    assertStatesIdentical(vec, two, "2 threads, n=" + n + " high " + high);
                }
                st = randomStages(rnd);
                hs = randomHigh(rnd);
                op.setLaneStages(st, hs);
                try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy()) {
                    ScalarKernels.INSTANCE.denseK(ref, new int[] {0, 1, 2, high}, dense(st, hs));
                    VectorKernels.singleThreaded().apply(vec, op);
                    assertStatesClose(ref, vec, TOL, "re-bound, n=" + n + " high " + high);
                }
            }
        }
        // blocked (contiguous and strided) and gathered, with the high qubit below and above the split
        int n = 10;
        List<KernelOp> ops = new ArrayList<>();
        ops.add(KernelOp.laneStages(randomStages(rnd), 4, randomHigh(rnd)));
        ops.add(KernelOp.laneStages(randomStages(rnd), 8, randomHigh(rnd)));
        ops.add(KernelOp.laneStages(randomStages(rnd), 3, randomHigh(rnd)));
        KernelTestSupport.assertStridedAndGatheredMatchPlain(ops, n, rnd);
        KernelTestSupport.assertBlockedEqualsPlain(List.of(ops.get(0), ops.get(2)), n, 6, rnd);
    }

    @Test
    void matchesTheScalarReferenceOnEveryStateSize() {
        Random rnd = new Random(51);
        for (int n = 3; n <= 9; n++) {
            for (int trial = 0; trial < 5; trial++) {
                double[] st = randomStages(rnd);
                KernelOp op = KernelOp.laneStages(st);
                assertEquals(KernelOp.Kind.LANE_STAGES_REAL, op.kind);
                try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy()) {
                    ScalarKernels.INSTANCE.denseK(ref, new int[] {0, 1, 2}, dense(st));
                    VectorKernels.singleThreaded().apply(vec, op);
                    assertStatesClose(ref, vec, TOL, "n=" + n + " trial " + trial);
                }
            }
        }
    }

    @Test
    void bitIdenticalHoweverTheGroupsAreSplitAndThroughBlocks() {
        Random rnd = new Random(52);
        int n = 9;
        try (StateVector ref = randomState(n, rnd)) {
            KernelTestSupport.assertSplitsBitIdentical(KernelOp.laneStages(randomStages(rnd)), ref, 7);
        }
        n = 10;
        for (int c = 4; c <= n; c += 3) {
            List<KernelOp> ops = new ArrayList<>();
            for (int i = 0; i < 3; i++) ops.add(KernelOp.laneStages(randomStages(rnd)));
            ops.add(KernelOp.ry(c - 1, 0.3)); // interleaved with an op on the block's top qubit
            ops.add(KernelOp.laneStages(randomStages(rnd)));
            KernelTestSupport.assertBlockedEqualsPlain(ops, n, c, rnd);
        }
        List<KernelOp> high = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            high.add(KernelOp.laneStages(randomStages(rnd)));
            high.add(KernelOp.ry(8 + i, 0.2));
        }
        assertEquals(KernelOp.Kind.LANE_STAGES_REAL, KernelTestSupport.assertStridedAndGatheredMatchPlain(high, n, rnd).get(0).kind);
    }

    @Test
    void reboundStagesApply() {
        Random rnd = new Random(53);
        KernelOp op = KernelOp.laneStages(randomStages(rnd));
        for (int round = 0; round < 3; round++) {
            double[] st = randomStages(rnd);
            op.setLaneStages(st);
            try (StateVector ref = randomState(6, rnd); StateVector vec = ref.copy()) {
                ScalarKernels.INSTANCE.denseK(ref, new int[] {0, 1, 2}, dense(st));
                VectorKernels.singleThreaded().apply(vec, op);
                assertStatesClose(ref, vec, TOL, "round " + round);
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        Random rnd = new Random(54);
        assertThrows(IllegalArgumentException.class, () -> KernelOp.laneStages(new double[47]));
        double[] nan = randomStages(rnd);
        nan[20] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> KernelOp.laneStages(nan));
        KernelOp op = KernelOp.laneStages(randomStages(rnd));
        assertThrows(IllegalArgumentException.class, () -> op.setLaneStages(nan));
        assertThrows(IllegalStateException.class, () -> KernelOp.ry(4, 0.1).setLaneStages(randomStages(rnd)));
        assertThrows(IllegalArgumentException.class, () -> KernelOp.laneStages(randomStages(rnd), 2, randomHigh(rnd)), "a lane qubit");
        assertThrows(IllegalArgumentException.class, () -> KernelOp.laneStages(randomStages(rnd), 5, new double[31]));
        assertThrows(IllegalArgumentException.class, () -> KernelOp.laneStages(randomStages(rnd), 5, null));
        KernelOp withHigh = KernelOp.laneStages(randomStages(rnd), 5, randomHigh(rnd));
        assertThrows(IllegalArgumentException.class, () -> withHigh.setLaneStages(randomStages(rnd)), "the high stage is missing");
        assertThrows(IllegalArgumentException.class, () -> op.setLaneStages(randomStages(rnd), randomHigh(rnd)), "no high stage to set");
    }
}
