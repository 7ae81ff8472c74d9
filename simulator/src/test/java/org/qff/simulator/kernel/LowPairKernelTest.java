package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qff.simulator.kernel.KernelTestSupport.TOL;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesClose;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesIdentical;
import static org.qff.simulator.kernel.KernelTestSupport.randomMatrix;
import static org.qff.simulator.kernel.KernelTestSupport.randomState;
import static org.qff.simulator.kernel.KernelTestSupport.randomUnitary;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.circuit.GateMatrices;

/**
 * The {@link LowPairSweeps} kernels (two targets, at least one a lane bit): the exchange kernels on
 * two low and on one low + one high target, against the scalar reference on every ordered qubit
 * pair (with the dense matrices that stay on the generic kernels alongside); their choice from the
 * matrix; re-binding and remapping between them and the other kinds; and bit-identical results
 * however their groups are split (threads, cache blocks).
 *
 * <p>Tolerance: {@link KernelTestSupport#TOL} (1e-12). Kernels and the scalar reference form the
 * same ≤ 4-term complex sums in a different order (FMA, other grouping), so amplitudes of a
 * normalised state (entries O(1/√dim), matrix entries O(1)) differ by a few ulps, ~1e-16; a wrong
 * lane, partner vector or coefficient gives errors of the size of the amplitudes, ≥ 1e-2 for n ≤ 10.
 */
class LowPairKernelTest {

    private static double[] randomReal(Random rnd) {
        double[] m = randomMatrix(2, rnd);
        for (int i = 1; i < 32; i += 2) m[i] = 0;
        return m;
    }

    /**
     * A real 4×4 with two nonzeros per row: a random real 2×2 on local bit 1 (or 0) followed by a
     * random permutation of the four rows, which is what fused RY + CNOT ladder blocks are.
     */
    private static double[] randomPaired(Random rnd) {
        double[] m = new double[32];
        int bit = rnd.nextInt(2);
        double[] g = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
        int[] perm = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = rnd.nextInt(i + 1), tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                int other = ~(1 << bit) & 3;
                if ((r & other) != (c & other)) continue;
                m[2 * (4 * perm[r] + c)] = g[2 * ((r >> bit) & 1) + ((c >> bit) & 1)];
            }
        }
        return m;
    }

    private static boolean low(int q) {
        return q < Lanes.LOG_L;
    }

    /** The kind the op must take for matrix type t (0 random complex, 1 Heisenberg, 2 random exchange, 3 real dense, 4 real paired) on (a, b). */
    private static KernelOp.Kind expectedKind(int t, int a, int b) {
        boolean exchange = t == 1 || t == 2;
        if (low(a) && low(b) && t == 4) return KernelOp.Kind.PAIRS2_REAL_LOW;
        if (low(a) && low(b)) return exchange ? KernelOp.Kind.EXCHANGE2_LOW : KernelOp.Kind.GENERIC;
        if (low(a) || low(b)) return exchange ? KernelOp.Kind.EXCHANGE2_MIXED : KernelOp.Kind.GENERIC;
        return null; // two high targets: not this class's kernels
    }

    private static double[] matrix(int t, Random rnd) {
        return switch (t) {
            case 0 -> randomUnitary(2, rnd);
            case 1 -> KernelTestSupport.heisenberg(rnd.nextDouble() * 4 - 2);
            case 2 -> KernelTestSupport.randomExchange(rnd);
            case 3 -> randomReal(rnd);
            default -> randomPaired(rnd);
        };
    }

    @Test
    void everyPairAndMatrixTypeMatchesTheScalarReference() {
        Random rnd = new Random(21);
        VectorKernels vk = VectorKernels.singleThreaded();
        for (int n = 2; n <= 10; n++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b) continue;
                    for (int t = 0; t < 5; t++) {
                        double[] u = matrix(t, rnd);
                        KernelOp op = KernelOp.dense(new int[] {a, b}, u);
                        KernelOp.Kind expected = expectedKind(t, a, b);
                        if (expected != null) assertEquals(expected, op.kind, "type " + t + " on (" + a + "," + b + ")");
                        try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy(); StateVector viaDense2 = ref.copy()) {
                            ScalarKernels.INSTANCE.dense2(ref, a, b, u);
                            vk.apply(vec, op);
                            assertStatesClose(ref, vec, TOL, op.kind + " type " + t + " (" + a + "," + b + ") on " + n);
                            vk.dense2(viaDense2, a, b, u); // the GateKernels entry point picks the same kernel
                            assertStatesIdentical(vec, viaDense2, "dense2 call vs prepared op (" + a + "," + b + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void lowPairKernelsAreBitIdenticalHoweverTheirGroupsAreSplit() {
        // every split of the group range, and 1–3 threads, give the same bits
        Random rnd = new Random(22);
        for (int n = 4; n <= 9; n++) {
            for (int[] q : new int[][] {{2, 3}, {3, 2}, {Lanes.LOG_L - 1, n - 1}, {n - 1, 1}, {1, 4}, {Lanes.LOG_L, 2}, {0, 2}}) {
                if (q[0] >= n || q[1] >= n || q[0] == q[1]) continue;
                boolean dense = rnd.nextBoolean();
                double[] u = dense ? randomUnitary(2, rnd) : KernelTestSupport.heisenberg(rnd.nextDouble() * 3);
                KernelOp op = KernelOp.dense(q, u);
                assertEquals(expectedKind(dense ? 0 : 1, q[0], q[1]), op.kind, op.toString());
                try (StateVector whole = randomState(n, rnd); StateVector ref = whole.copy()) {
                    long dim = whole.dimension(), groups = op.groups(dim);
                    double[] work = new double[KernelOp.workSize()];
                    op.run(whole.segment(), dim, 0, groups, work);
                    ScalarKernels.INSTANCE.dense2(ref, q[0], q[1], u);
                    assertStatesClose(ref, whole, TOL, op.kind + " (" + q[0] + "," + q[1] + ") on " + n);
                    for (long cut = 0; cut <= groups; cut++) {
                        try (StateVector split = ref.copy(); StateVector single = ref.copy()) {
                            op.run(single.segment(), dim, 0, groups, work);
                            // [0, cut) and [cut, groups), the second part further cut into single groups when cut is odd
                            op.run(split.segment(), dim, 0, cut, work);
                            if ((cut & 1) == 1) {
                                for (long g = cut; g < groups; g++) op.run(split.segment(), dim, g, g + 1, work);
                            } else {
                                op.run(split.segment(), dim, cut, groups, work);
                            }
                            assertStatesIdentical(single, split, "cut at " + cut + " of " + groups + ", (" + q[0] + "," + q[1] + ") on " + n);
                        }
                    }
                    for (int threads = 2; threads <= 3; threads++) {
                        try (StateVector one = ref.copy(); StateVector many = ref.copy()) {
                            VectorKernels.singleThreaded().apply(one, op);
                            VectorKernels.withThreads(threads, 2).apply(many, op);
                            assertStatesIdentical(one, many, threads + " threads, (" + q[0] + "," + q[1] + ") on " + n);
                        }
                    }
                }
            }
        }
    }

    @Test
    void cacheBlockedApplicationEqualsPlainBitForBit() {
        // blocks down to one group (c = LOG_L + 1)
        Random rnd = new Random(23);
        int n = 9;
        for (int c = Lanes.LOG_L + 1; c <= n; c++) {
            List<KernelOp> ops = new java.util.ArrayList<>();
            for (int[] q : new int[][] {{2, 3}, {0, 1}, {3, 0}, {1, 2}, {c - 1, 0}, {2, c - 1}}) {
                if (q[0] >= c || q[1] >= c || q[0] == q[1]) continue;
                ops.add(KernelOp.dense(q, rnd.nextBoolean() ? randomUnitary(2, rnd) : KernelTestSupport.heisenberg(rnd.nextDouble())));
            }
            for (int threads : new int[] {1, 2}) {
                try (StateVector plain = randomState(n, rnd); StateVector blocked = plain.copy()) {
                    for (KernelOp op : ops) VectorKernels.singleThreaded().apply(plain, op);
                    VectorKernels.withThreads(threads, 1).applyBlocked(blocked, ops, c);
                    assertStatesIdentical(plain, blocked, "block 2^" + c + ", " + threads + " threads");
                }
            }
        }
    }

    @Test
    void rebindingMovesBetweenTheLowPairAndGenericKernels() {
        Random rnd = new Random(24);
        VectorKernels vk = VectorKernels.singleThreaded();
        for (int[] q : new int[][] {{2, 3}, {3, 2}, {0, 1}, {2, 0}, {6, 1}, {4, 5}}) {
            KernelOp op = KernelOp.dense(q, KernelTestSupport.heisenberg(0.3));
            for (int round = 0; round < 15; round++) {
                int t = round % 5;
                double[] u = matrix(t, rnd);
                op.setMatrix(u);
                KernelOp.Kind expected = expectedKind(t, q[0], q[1]);
                if (expected != null) assertEquals(expected, op.kind, "round " + round + " on (" + q[0] + "," + q[1] + ")");
                try (StateVector ref = randomState(7, rnd); StateVector vec = ref.copy()) {
                    ScalarKernels.INSTANCE.dense2(ref, q[0], q[1], u);
                    vk.apply(vec, op);
                    assertStatesClose(ref, vec, TOL, "after re-binding to type " + t + ", (" + q[0] + "," + q[1] + ")");
                }
            }
        }
    }

    @Test
    void remappingBetweenHighAndLowPositionsChoosesTheKernelAfresh() {
        Random rnd = new Random(25);
        VectorKernels vk = VectorKernels.singleThreaded();
        int n = 8;
        int[] down = new int[StateVector.MAX_QUBITS], up = new int[StateVector.MAX_QUBITS];
        for (int i = 0; i < down.length; i++) {
            down[i] = i;
            up[i] = i;
        }
        // down: 5 → 2, 6 → 3, 7 → 0 (and back for up)
        down[5] = 2; down[6] = 3; down[7] = 0; down[2] = 5; down[3] = 6; down[0] = 7;
        up[2] = 5; up[3] = 6; up[0] = 7; up[5] = 2; up[6] = 3; up[7] = 0;
        for (int t = 0; t < 5; t++) {
            for (int[] q : new int[][] {{5, 6}, {6, 5}, {7, 5}, {7, 4}, {6, 4}}) {
                double[] u = matrix(t, rnd);
                KernelOp src = KernelOp.dense(q, u), dst = KernelOp.scale(1.0), back = KernelOp.scale(1.0);
                dst.remapFrom(src, down);
                int a = down[q[0]], b = down[q[1]];
                KernelOp.Kind expected = expectedKind(t, a, b);
                if (expected != null) assertEquals(expected, dst.kind, "type " + t + " remapped to (" + a + "," + b + ")");
                back.remapFrom(dst, up);
                try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy(); StateVector vecBack = ref.copy()) {
                    ScalarKernels.INSTANCE.dense2(ref, a, b, u);
                    vk.apply(vec, dst);
                    assertStatesClose(ref, vec, TOL, "remapped type " + t + " to (" + a + "," + b + ")");
                    try (StateVector refBack = vecBack.copy()) {
                        ScalarKernels.INSTANCE.dense2(refBack, q[0], q[1], u);
                        vk.apply(vecBack, back);
                        assertStatesClose(refBack, vecBack, TOL, "remapped back type " + t + " to (" + q[0] + "," + q[1] + ")");
                    }
                }
            }
        }
    }
}
