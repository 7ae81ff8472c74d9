package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.qff.simulator.kernel.KernelTestSupport.TOL;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesClose;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesIdentical;
import static org.qff.simulator.kernel.KernelTestSupport.randomMatrix;
import static org.qff.simulator.kernel.KernelTestSupport.randomState;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;

/**
 * The multiplexed real pair ({@link MuxSweeps}): a real 8×8 on three high targets that never
 * changes one of them. Checked against the scalar dense reference for every ordered triple of high
 * qubits and every selector position; the kind is chosen only for such matrices; results are
 * bit-identical however the groups are split (ranges, threads, cache blocks) and through gathered
 * buffers; re-binding moves between this kernel and the generic one.
 *
 * <p>Tolerance: {@link KernelTestSupport#TOL} (1e-12). Kernel and reference form the same 4-term
 * real sums in another order (FMA), so amplitudes of a normalised state differ by a few ulps; a
 * wrong partner vector, selector or coefficient gives errors of the size of the amplitudes
 * (≥ 1e-2 for n ≤ 10).
 */
class MuxKernelTest {

    /** A random real 8×8 (interleaved) whose entries joining rows and columns that differ in local bit js are 0. */
    static double[] randomMux(int js, Random rnd) {
        double[] m = new double[2 * 64];
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                if ((((r ^ c) >> js) & 1) == 0) m[2 * (8 * r + c)] = rnd.nextGaussian();
            }
        }
        return m;
    }

    private static List<int[]> highTriples(int n) {
        List<int[]> out = new ArrayList<>();
        for (int a = Lanes.LOG_L; a < n; a++) {
            for (int b = Lanes.LOG_L; b < n; b++) {
                for (int c = Lanes.LOG_L; c < n; c++) {
                    if (a != b && b != c && a != c) out.add(new int[] {a, b, c});
                }
            }
        }
        return out;
    }

    @Test
    void everyHighTripleAndSelectorMatchesTheScalarReference() {
        Random rnd = new Random(31);
        VectorKernels vk = VectorKernels.singleThreaded();
        for (int n = Lanes.LOG_L + 3; n <= 9; n++) {
            for (int[] q : highTriples(n)) {
                for (int js = 0; js < 3; js++) {
                    double[] u = randomMux(js, rnd);
                    KernelOp op = KernelOp.dense(q, u);
                    assertEquals(KernelOp.Kind.MUX2_REAL_HIGH, op.kind, java.util.Arrays.toString(q) + " selector " + js);
                    try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy(); StateVector viaDenseK = ref.copy()) {
                        ScalarKernels.INSTANCE.denseK(ref, q, u);
                        vk.apply(vec, op);
                        assertStatesClose(ref, vec, TOL, java.util.Arrays.toString(q) + " selector " + js + " on " + n);
                        vk.denseK(viaDenseK, q, u); // the GateKernels entry point picks the same kernel
                        assertStatesIdentical(vec, viaDenseK, "denseK call vs prepared op " + java.util.Arrays.toString(q));
                    }
                }
            }
        }
    }

    @Test
    void onlyRealMatricesKeepingOneHighTargetTakeTheKernel() {
        Random rnd = new Random(32);
        int[] q = {3, 5, 4};
        // one nonzero joining a row and a column that differ in the selector bit, at every such place
        for (int js = 0; js < 3; js++) {
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    if ((((r ^ c) >> js) & 1) == 0) continue;
                    double[] mixing = randomMux(js, rnd);
                    mixing[2 * (8 * r + c)] = 0.5;
                    assertNotEquals(KernelOp.Kind.MUX2_REAL_HIGH, KernelOp.dense(q, mixing).kind, "selector " + js + ", entry " + r + "," + c);
                }
            }
        }
        double[] mixing = randomMux(1, rnd);
        mixing[2 * (8 * 0 + 2)] = 0.5;
        double[] complex = randomMux(1, rnd);
        complex[2 * (8 * 0 + 0) + 1] = 0.25;
        double[] dense = randomMatrix(3, rnd);
        for (int i = 1; i < dense.length; i += 2) dense[i] = 0;
        for (double[] u : new double[][] {mixing, complex, dense}) {
            KernelOp op = KernelOp.dense(q, u);
            assertNotEquals(KernelOp.Kind.MUX2_REAL_HIGH, op.kind);
        }
        // a lane target anywhere: the generic engine
        assertNotEquals(KernelOp.Kind.MUX2_REAL_HIGH, KernelOp.dense(new int[] {2, 4, 5}, randomMux(1, rnd)).kind);
        // controls: the generic engine
        assertNotEquals(KernelOp.Kind.MUX2_REAL_HIGH, KernelOp.controlled(new int[] {6}, q, randomMux(1, rnd)).kind);
    }

    @Test
    void bitIdenticalHoweverTheGroupsAreSplit() {
        Random rnd = new Random(33);
        int n = 8;
        for (int[] q : new int[][] {{3, 4, 5}, {7, 3, 5}, {4, 7, 6}}) {
            for (int js = 0; js < 3; js++) {
                KernelOp op = KernelOp.dense(q, randomMux(js, rnd));
                try (StateVector ref = randomState(n, rnd)) {
                    long dim = ref.dimension(), groups = op.groups(dim);
                    double[] work = new double[KernelOp.workSize()];
                    try (StateVector single = ref.copy()) {
                        op.run(single.segment(), dim, 0, groups, work);
                        for (long cut = 0; cut <= groups; cut++) {
                            try (StateVector split = ref.copy()) {
                                op.run(split.segment(), dim, 0, cut, work);
                                for (long g = cut; g < groups; g++) op.run(split.segment(), dim, g, g + 1, work);
                                assertStatesIdentical(single, split, "cut at " + cut + " of " + groups);
                            }
                        }
                        for (int threads = 2; threads <= 3; threads++) {
                            try (StateVector many = ref.copy()) {
                                VectorKernels.withThreads(threads, 2).apply(many, op);
                                assertStatesIdentical(single, many, threads + " threads");
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Targets and selector from qubit 9 up leave runs of at least {@link Lanes#NESTED_RUN_VECTORS}
     * vectors, which the walk takes in a counted inner loop: every ordered triple of 9..12 and
     * selector against the scalar reference, split at every group, and through contiguous blocks.
     */
    @Test
    void longRunsThroughTheCountedLoopMatchTheReference() {
        KernelTestSupport.assertLongRunsFrom(9);
        Random rnd = new Random(36);
        VectorKernels vk = VectorKernels.singleThreaded();
        int n = 13;
        List<KernelOp> chain = new ArrayList<>();
        for (int[] q : highTriples(n)) {
            if (Math.min(q[0], Math.min(q[1], q[2])) < 9) continue;
            for (int js = 0; js < 3; js++) {
                double[] u = randomMux(js, rnd);
                KernelOp op = KernelOp.dense(q, u);
                assertEquals(KernelOp.Kind.MUX2_REAL_HIGH, op.kind);
                try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy()) {
                    ScalarKernels.INSTANCE.denseK(ref, q, u);
                    vk.apply(vec, op);
                    assertStatesClose(ref, vec, TOL, java.util.Arrays.toString(q) + " selector " + js);
                    if (js == 1 && q[0] == 12) KernelTestSupport.assertSplitsBitIdentical(op, vec, 1);
                }
                if (chain.size() < 4 && js == 2) chain.add(op);
            }
        }
        chain.add(KernelOp.dense(new int[] {4, 5, 6}, randomMux(0, rnd))); // a short-run pass between
        for (int c = 13; c <= 15; c++) KernelTestSupport.assertBlockedEqualsPlain(chain, 15, c, rnd);
    }

    @Test
    void cacheBlockedAndGatheredApplicationsEqualPlain() {
        Random rnd = new Random(34);
        int n = 10;
        // a ladder-like chain on contiguous blocks of 2^c, c = 6..10
        for (int c = Lanes.LOG_L + 3; c <= n; c++) {
            List<KernelOp> ops = new ArrayList<>();
            for (int a = Lanes.LOG_L; a + 2 < c; a++) ops.add(KernelOp.dense(new int[] {a, a + 1, a + 2}, randomMux(rnd.nextInt(3), rnd)));
            KernelTestSupport.assertBlockedEqualsPlain(ops, n, c, rnd);
        }
        // strided blocks [0, 4) ∪ [7, 10): in place and gathered (ops remapped to buffer qubits 4..6)
        List<KernelOp> high = new ArrayList<>(), buffer = new ArrayList<>();
        int[] map = new int[StateVector.MAX_QUBITS];
        for (int i = 0; i < map.length; i++) map[i] = i >= 7 ? i - 3 : i;
        for (int[] q : new int[][] {{7, 8, 9}, {9, 7, 8}, {8, 9, 7}}) {
            KernelOp op = KernelOp.dense(q, randomMux(rnd.nextInt(3), rnd));
            high.add(op);
            KernelOp remapped = KernelOp.scale(1.0);
            remapped.remapFrom(op, map);
            assertEquals(KernelOp.Kind.MUX2_REAL_HIGH, remapped.kind, "remapped " + remapped);
            buffer.add(remapped);
        }
        for (int threads : new int[] {1, 2}) {
            try (StateVector plain = randomState(n, rnd); StateVector inPlace = plain.copy(); StateVector gathered = plain.copy()) {
                for (KernelOp op : high) VectorKernels.singleThreaded().apply(plain, op);
                VectorKernels.withThreads(threads, 1).applyBlocked(inPlace, high, 4, 7);
                assertStatesIdentical(plain, inPlace, "strided in place, " + threads + " threads");
                VectorKernels.withThreads(threads, 1).applyGathered(gathered, buffer, 4, 7);
                assertStatesClose(plain, gathered, TOL, "gathered, " + threads + " threads");
            }
        }
    }

    @Test
    void rebindingADiagonalOnThreeHighQubitsKeepsItDiagonal() {
        // a fused diagonal block (RZ, CZ, … on three high qubits) is re-bound through setMatrix too
        Random rnd = new Random(36);
        int[] q = {5, 3, 4};
        KernelOp op = KernelOp.diagonal(q, KernelTestSupport.randomPhases(3, rnd));
        for (int round = 0; round < 3; round++) {
            double[] d = KernelTestSupport.randomPhases(3, rnd);
            op.setMatrix(d);
            assertEquals(KernelOp.Kind.DIAGONAL, op.kind);
            try (StateVector ref = randomState(7, rnd); StateVector vec = ref.copy()) {
                ScalarKernels.INSTANCE.diagonal(ref, q, d);
                VectorKernels.singleThreaded().apply(vec, op);
                assertStatesClose(ref, vec, TOL, "round " + round);
            }
        }
    }

    @Test
    void rebindingMovesBetweenTheMuxAndGenericKernels() {
        Random rnd = new Random(35);
        VectorKernels vk = VectorKernels.singleThreaded();
        int[] q = {6, 3, 4};
        KernelOp op = KernelOp.dense(q, randomMux(0, rnd));
        for (int round = 0; round < 12; round++) {
            boolean mux = round % 3 != 2;
            double[] u = mux ? randomMux(round % 3, rnd) : randomMatrix(3, rnd);
            op.setMatrix(u);
            assertEquals(mux, op.kind == KernelOp.Kind.MUX2_REAL_HIGH, "round " + round + ": " + op.kind);
            try (StateVector ref = randomState(8, rnd); StateVector vec = ref.copy()) {
                ScalarKernels.INSTANCE.denseK(ref, q, u);
                vk.apply(vec, op);
                assertStatesClose(ref, vec, TOL, "round " + round);
            }
        }
    }
}
