package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qff.simulator.kernel.KernelTestSupport.TOL;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesClose;
import static org.qff.simulator.kernel.KernelTestSupport.randomState;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;

/**
 * The rotation tile ({@link TileSweeps}): real A, B, C on three high targets, then a permutation,
 * with or without a selector qubit. Checked against the scalar dense reference of the same 8×8 or
 * 16×16 for every ordered triple of high qubits and every selector; bit-identical however the
 * groups are split (ranges, threads, contiguous and strided cache blocks), and through gathered
 * buffers (remapped); re-bound rotations; bad arguments.
 *
 * <p>Tolerance: {@link KernelTestSupport#TOL} (1e-12). The tile applies three 2×2 products where
 * the reference forms one 8-term sum per row, so they differ by rounding, a few ulps of the
 * amplitudes; a wrong pair, coefficient, permutation entry or selector gives errors of the size of
 * the amplitudes (≥ 1e-2 for n ≤ 10).
 */
class TileKernelTest {

    /**
     * Three random real orthogonal 2×2 (what tiles of RY, H, Z, X are): rotations and reflections
     * at any angle, so both pivot choices of the kernel (|cos| ≥ |sin| or not) occur.
     */
    static double[] randomRotations(Random rnd) {
        double[] r = new double[12];
        for (int m = 0; m < 3; m++) {
            double t = 2 * Math.PI * rnd.nextDouble(), c = Math.cos(t), s = Math.sin(t);
            boolean reflection = rnd.nextBoolean();
            r[4 * m] = c;
            r[4 * m + 1] = reflection ? s : -s;
            r[4 * m + 2] = s;
            r[4 * m + 3] = reflection ? -c : c;
        }
        return r;
    }

    static int[] randomPerms(Random rnd) {
        int[] p = new int[16];
        for (int x = 0; x < 2; x++) {
            for (int k = 0; k < 8; k++) p[8 * x + k] = k;
            for (int i = 7; i > 0; i--) {
                int j = rnd.nextInt(i + 1), t = p[8 * x + i];
                p[8 * x + i] = p[8 * x + j];
                p[8 * x + j] = t;
            }
        }
        return p;
    }

    /** The tile as a dense matrix (interleaved) on (targets..., selector): local bit 3 ↔ selector. */
    static double[] dense(double[] r, int[] perm, boolean selector) {
        int dim = selector ? 16 : 8;
        double[] u = new double[2 * dim * dim];
        for (int x = 0; x < dim / 8; x++) {
            for (int m = 0; m < 8; m++) {
                for (int k = 0; k < 8; k++) {
                    double v = r[2 * (m & 1) + (k & 1)] * r[4 + 2 * ((m >> 1) & 1) + ((k >> 1) & 1)] * r[8 + 2 * (m >> 2) + (k >> 2)];
                    int row = perm[8 * x + m] + 8 * x, col = k + 8 * x;
                    u[2 * (dim * row + col)] = v;
                }
            }
        }
        return u;
    }

    private static int[] with(int[] q, int s) {
        return s < 0 ? q : new int[] {q[0], q[1], q[2], s};
    }

    @Test
    void everyHighTripleAndSelectorMatchesTheScalarReference() {
        Random rnd = new Random(41);
        VectorKernels vk = VectorKernels.singleThreaded();
        int n = 8;
        for (int a = Lanes.LOG_L; a < n; a++) {
            for (int b = Lanes.LOG_L; b < n; b++) {
                for (int c = Lanes.LOG_L; c < n; c++) {
                    if (a == b || b == c || a == c) continue;
                    for (int s = -1; s < n; s++) {
                        if (s >= 0 && (s < Lanes.LOG_L || s == a || s == b || s == c)) continue;
                        int[] q = {a, b, c};
                        double[] r = randomRotations(rnd);
                        int[] perm = randomPerms(rnd);
                        KernelOp op = KernelOp.tile(q, s, r, perm);
                        assertEquals(KernelOp.Kind.TILE3_REAL_HIGH, op.kind);
                        try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy()) {
                            ScalarKernels.INSTANCE.denseK(ref, with(q, s), dense(r, perm, s >= 0));
                            vk.apply(vec, op);
                            assertStatesClose(ref, vec, TOL, java.util.Arrays.toString(q) + " selector " + s);
                        }
                    }
                }
            }
        }
    }

    /**
     * Angles where the pivot form changes branch or divides by the smaller entry's partner: 0, ±π/4
     * (|cos| = |sin|), π/2 and π (a zero on the diagonal), for rotations and reflections, every
     * factor, with the selector's two permutations.
     */
    @Test
    void pivotEdgeAnglesMatchTheScalarReference() {
        Random rnd = new Random(45);
        VectorKernels vk = VectorKernels.singleThreaded();
        double[] angles = {0, Math.PI / 4, -Math.PI / 4, Math.PI / 2, Math.PI, 3 * Math.PI / 2, 1e-300};
        int n = 8;
        int[] q = {4, 6, 3};
        for (double t : angles) {
            for (int m = 0; m < 3; m++) {
                for (boolean reflection : new boolean[] {false, true}) {
                    double[] r = randomRotations(rnd);
                    double c = Math.cos(t), sn = Math.sin(t);
                    r[4 * m] = c;
                    r[4 * m + 1] = reflection ? sn : -sn;
                    r[4 * m + 2] = sn;
                    r[4 * m + 3] = reflection ? -c : c;
                    int[] perm = randomPerms(rnd);
                    KernelOp op = KernelOp.tile(q, 7, r, perm);
                    try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy()) {
                        ScalarKernels.INSTANCE.denseK(ref, with(q, 7), dense(r, perm, true));
                        vk.apply(vec, op);
                        assertStatesClose(ref, vec, TOL, "angle " + t + " on factor " + m + (reflection ? " (reflection)" : ""));
                    }
                }
            }
        }
    }

    @Test
    void bitIdenticalHoweverTheGroupsAreSplitAndThroughBlocks() {
        Random rnd = new Random(42);
        int n = 9;
        for (int[] qs : new int[][] {{3, 4, 5, 6}, {8, 3, 6, -1}, {5, 7, 4, 8}}) {
            int[] q = {qs[0], qs[1], qs[2]};
            KernelOp op = KernelOp.tile(q, qs[3], randomRotations(rnd), randomPerms(rnd));
            try (StateVector ref = randomState(n, rnd)) {
                KernelTestSupport.assertSplitsBitIdentical(op, ref, 3);
            }
        }
        // a chain of tiles on contiguous blocks 2^7..2^10, and on strided blocks [0, 5) ∪ [7, 10)
        n = 10;
        for (int c = 7; c <= n; c++) {
            List<KernelOp> ops = new ArrayList<>();
            for (int a = Lanes.LOG_L; a + 3 < c; a += 2) ops.add(KernelOp.tile(new int[] {a + 1, a + 2, a + 3}, a, randomRotations(rnd), randomPerms(rnd)));
            KernelTestSupport.assertBlockedEqualsPlain(ops, n, c, rnd);
        }
        List<KernelOp> high = new ArrayList<>();
        for (int[] qs : new int[][] {{7, 8, 9, 4}, {9, 3, 8, 7}, {4, 8, 7, -1}}) {
            high.add(KernelOp.tile(new int[] {qs[0], qs[1], qs[2]}, qs[3], randomRotations(rnd), randomPerms(rnd)));
        }
        for (KernelOp remapped : KernelTestSupport.assertStridedAndGatheredMatchPlain(high, n, rnd)) {
            assertEquals(KernelOp.Kind.TILE3_REAL_HIGH, remapped.kind);
        }
    }

    /**
     * Skipped bits from qubit 9 up leave runs of at least {@link Lanes#NESTED_RUN_VECTORS}
     * vectors, which TileSweeps walks with a counted inner loop: against the scalar reference, split
     * at every group (runs cut short at both ends), through contiguous blocks and with 2 threads.
     */
    @Test
    void longRunsThroughTheCountedLoopMatchTheReference() {
        KernelTestSupport.assertLongRunsFrom(9);
        Random rnd = new Random(46);
        VectorKernels vk = VectorKernels.singleThreaded();
        int n = 13;
        List<KernelOp> chain = new ArrayList<>();
        for (int[] qs : new int[][] {{10, 11, 12, 9}, {12, 9, 11, -1}, {9, 12, 10, 11}, {11, 10, 12, -1}}) {
            int[] q = {qs[0], qs[1], qs[2]};
            double[] r = randomRotations(rnd);
            int[] perm = randomPerms(rnd);
            KernelOp op = KernelOp.tile(q, qs[3], r, perm);
            chain.add(op);
            try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy()) {
                ScalarKernels.INSTANCE.denseK(ref, with(q, qs[3]), dense(r, perm, qs[3] >= 0));
                vk.apply(vec, op);
                assertStatesClose(ref, vec, TOL, java.util.Arrays.toString(q) + " selector " + qs[3]);
                KernelTestSupport.assertSplitsBitIdentical(op, vec, 1);
            }
        }
        chain.add(KernelOp.tile(new int[] {4, 5, 6}, 3, randomRotations(rnd), randomPerms(rnd))); // a short-run tile between
        chain.add(KernelOp.tile(new int[] {9, 10, 11}, -1, randomRotations(rnd), randomPerms(rnd)));
        for (int c = 13; c <= 15; c++) KernelTestSupport.assertBlockedEqualsPlain(chain, 15, c, rnd);
    }

    @Test
    void reboundRotationsApply() {
        Random rnd = new Random(43);
        int[] q = {6, 3, 5};
        int[] perm = randomPerms(rnd);
        KernelOp op = KernelOp.tile(q, 4, randomRotations(rnd), perm);
        for (int round = 0; round < 4; round++) {
            double[] r = randomRotations(rnd);
            op.setRotations(r);
            try (StateVector ref = randomState(8, rnd); StateVector vec = ref.copy()) {
                ScalarKernels.INSTANCE.denseK(ref, with(q, 4), dense(r, perm, true));
                VectorKernels.singleThreaded().apply(vec, op);
                assertStatesClose(ref, vec, TOL, "round " + round);
            }
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        Random rnd = new Random(44);
        double[] r = randomRotations(rnd);
        int[] perm = randomPerms(rnd);
        assertThrows(IllegalArgumentException.class, () -> KernelOp.tile(new int[] {2, 4, 5}, -1, r, perm)); // a lane bit
        assertThrows(IllegalArgumentException.class, () -> KernelOp.tile(new int[] {3, 4, 4}, -1, r, perm)); // repeated
        assertThrows(IllegalArgumentException.class, () -> KernelOp.tile(new int[] {3, 4, 5}, 5, r, perm)); // selector is a target
        int[] notPerm = perm.clone();
        notPerm[1] = notPerm[0];
        assertThrows(IllegalArgumentException.class, () -> KernelOp.tile(new int[] {3, 4, 5}, 6, r, notPerm));
        double[] nan = r.clone();
        nan[7] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> KernelOp.tile(new int[] {3, 4, 5}, 6, nan, perm));
        double[] scaled = r.clone();
        scaled[8] *= 1 + 1e-9; // C no longer orthogonal: the pivot form would be wrong
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelOp.tile(new int[] {3, 4, 5}, 6, scaled, perm));
        assertTrue(e.getMessage().contains("factor C"), e.getMessage());
        KernelOp ok = KernelOp.tile(new int[] {3, 4, 5}, 6, r, perm);
        assertThrows(IllegalArgumentException.class, () -> ok.setRotations(scaled));
    }
}
