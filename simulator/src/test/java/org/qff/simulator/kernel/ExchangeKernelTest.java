package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qff.simulator.kernel.KernelTestSupport.TOL;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesClose;
import static org.qff.simulator.kernel.KernelTestSupport.randomMatrix;
import static org.qff.simulator.kernel.KernelTestSupport.randomState;
import static org.qff.simulator.kernel.KernelTestSupport.randomUnitary;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.circuit.GateMatrices;

/**
 * The structured two-high-target kernels: the exchange kernel (a 4×4 that only mixes |01⟩ and
 * |10⟩: Heisenberg exchange) and the paired real kernel (two 2×2 blocks up to a row permutation: fused RY·CNOT). The
 * Heisenberg matrix against its definition, both kernels against the scalar reference (the exchange
 * one also against the dense 4×4 kernel), and re-binding between them and the dense kernel.
 */
class ExchangeKernelTest {

    /** exp(−iJ(XX+YY+ZZ)) by its power series, from the Pauli matrices: independent of GateMatrices. */
    private static double[] heisenbergBySeries(double j) {
        double[][] x = {{0, 0, 1, 0}, {1, 0, 0, 0}}, y = {{0, 0, 0, -1}, {0, 1, 0, 0}}, z = {{1, 0, 0, 0}, {0, 0, -1, 0}};
        double[] h = new double[32];
        for (double[][] p : new double[][][] {x, y, z}) {
            double[] pp = kron(p, p);
            for (int i = 0; i < 32; i++) h[i] += pp[i];
        }
        // A = −iJ·H; exp(A) = Σ A^k/k!, 60 terms (‖A‖ = 3|J| ≤ 3: the tail is below 1e-50, the largest term 4.5)
        double[] a = new double[32];
        for (int i = 0; i < 16; i++) {
            a[2 * i] = j * h[2 * i + 1];
            a[2 * i + 1] = -j * h[2 * i];
        }
        double[] sum = new double[32], term = new double[32];
        for (int i = 0; i < 4; i++) term[2 * (5 * i)] = 1;
        for (int k = 0; k < 60; k++) {
            for (int i = 0; i < 32; i++) sum[i] += term[i];
            double[] next = multiply(a, term);
            for (int i = 0; i < 32; i++) term[i] = next[i] / (k + 1);
        }
        return sum;
    }

    /** a ⊗ b for 2×2 matrices given as {row0 (re, im interleaved), row1}: qubit 0 ↔ b (low bit). */
    private static double[] kron(double[][] a, double[][] b) {
        double[] m = new double[32];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double ar = a[r >> 1][2 * (c >> 1)], ai = a[r >> 1][2 * (c >> 1) + 1];
                double br = b[r & 1][2 * (c & 1)], bi = b[r & 1][2 * (c & 1) + 1];
                m[2 * (4 * r + c)] = ar * br - ai * bi;
                m[2 * (4 * r + c) + 1] = ar * bi + ai * br;
            }
        }
        return m;
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[32];
        for (int i = 0; i < 4; i++) {
            for (int jj = 0; jj < 4; jj++) {
                double re = 0, im = 0;
                for (int k = 0; k < 4; k++) {
                    double ar = a[2 * (4 * i + k)], ai = a[2 * (4 * i + k) + 1], br = b[2 * (4 * k + jj)], bi = b[2 * (4 * k + jj) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                c[2 * (4 * i + jj)] = re;
                c[2 * (4 * i + jj) + 1] = im;
            }
        }
        return c;
    }

    @Test
    void heisenbergMatrixIsTheExponentialOfTheExchangeHamiltonian() {
        for (double j : new double[] {0, 0.23, -0.7, 1.0}) {
            double[] expected = heisenbergBySeries(j), actual = KernelTestSupport.heisenberg(j);
            // terms ≤ 4.5 summed in double: rounding below 1e-14
            for (int i = 0; i < 32; i++) assertEquals(expected[i], actual[i], 1e-14, "J = " + j + ", entry " + i);
        }
    }

    @Test
    void heisenbergTakesTheExchangeKernelOnHighPairsAndMatchesReferenceAndDenseKernel() {
        Random rnd = new Random(11);
        VectorKernels vk = VectorKernels.singleThreaded();
        for (int n = 2; n <= 10; n++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b) continue;
                    double[] u = rnd.nextBoolean() ? KernelTestSupport.heisenberg(rnd.nextDouble() * 4 - 2) : KernelTestSupport.randomExchange(rnd);
                    int[] q = {a, b};
                    KernelOp op = KernelOp.dense(q, u);
                    if (a >= Lanes.LOG_L && b >= Lanes.LOG_L) assertEquals(KernelOp.Kind.EXCHANGE2_HIGH, op.kind, "kind at " + a + "," + b);
                    try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy(); StateVector dense = ref.copy()) {
                        ScalarKernels.INSTANCE.dense2(ref, a, b, u);
                        vk.dense2(vec, a, b, u);
                        assertStatesClose(ref, vec, TOL, "exchange (" + a + "," + b + ") on " + n);
                        if (op.kind == KernelOp.Kind.EXCHANGE2_HIGH) {
                            // the same matrix through the generic complex 4×4 kernel
                            DenseSweeps.dense2High(dense.segment(), dense.dimension(), op, 0, op.groups(dense.dimension()));
                            assertStatesClose(ref, dense, TOL, "dense 4×4 kernel with the exchange matrix (" + a + "," + b + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void rebindingSwitchesBetweenExchangeAndDenseKernels() {
        Random rnd = new Random(12);
        int n = 8;
        VectorKernels vk = VectorKernels.singleThreaded();
        KernelOp op = KernelOp.dense(new int[] {6, 3}, KernelTestSupport.heisenberg(0.4));
        assertEquals(KernelOp.Kind.EXCHANGE2_HIGH, op.kind);
        for (int round = 0; round < 6; round++) {
            double[] u = round % 2 == 0 ? randomMatrix(2, rnd) : KernelTestSupport.randomExchange(rnd);
            op.setMatrix(u);
            assertEquals(round % 2 == 0 ? KernelOp.Kind.DENSE2_HIGH : KernelOp.Kind.EXCHANGE2_HIGH, op.kind, "round " + round);
            try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy()) {
                ScalarKernels.INSTANCE.dense2(ref, 6, 3, u);
                vk.apply(vec, op);
                assertStatesClose(ref, vec, TOL, "after re-binding, round " + round);
            }
        }
    }

    /**
     * A random real 4×4 that is two 2×2 blocks up to a row permutation: a random column pairing,
     * random rows for each pair, Gaussian entries (a quarter of them exactly 0).
     */
    private static double[] randomPairedReal(Random rnd) {
        int[][] pairings = {{0, 1, 2, 3}, {0, 2, 1, 3}, {0, 3, 1, 2}};
        int[] cols = pairings[rnd.nextInt(3)];
        int[] rows = KernelTestSupport.randomQubits(4, 4, rnd); // a random permutation of 0..3
        double[] m = new double[32];
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    m[2 * (4 * rows[2 * p + i] + cols[2 * p + j])] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextGaussian();
                }
            }
        }
        return m;
    }

    /** CNOT(control = local bit 0, target = local bit 1) · (RY(θ) on local bit 1): a fused ladder block. */
    private static double[] ryThenCnot(double theta) {
        double c = Math.cos(theta / 2), s = Math.sin(theta / 2);
        double[] ry = new double[32]; // I ⊗ RY on local bit 1: rows/cols (b1 b0)
        for (int b0 = 0; b0 < 2; b0++) {
            ry[2 * (4 * b0 + b0)] = c;
            ry[2 * (4 * b0 + (2 | b0))] = -s;
            ry[2 * (4 * (2 | b0) + b0)] = s;
            ry[2 * (4 * (2 | b0) + (2 | b0))] = c;
        }
        double[] cx = new double[32];
        for (int i = 0; i < 4; i++) cx[2 * (4 * ((i & 1) == 1 ? i ^ 2 : i) + i)] = 1;
        return multiply(cx, ry);
    }

    @Test
    void pairedRealFourByFourTakesItsKernelAndMatchesReference() {
        Random rnd = new Random(14);
        VectorKernels vk = VectorKernels.singleThreaded();
        for (int n = 2; n <= 10; n++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b) continue;
                    double[] u = rnd.nextBoolean() ? ryThenCnot(rnd.nextDouble() * 7 - 3.5) : randomPairedReal(rnd);
                    KernelOp op = KernelOp.dense(new int[] {a, b}, u);
                    if (a >= Lanes.LOG_L && b >= Lanes.LOG_L) assertEquals(KernelOp.Kind.PAIRS2_REAL_HIGH, op.kind, "kind at " + a + "," + b);
                    try (StateVector ref = randomState(n, rnd); StateVector vec = ref.copy()) {
                        ScalarKernels.INSTANCE.dense2(ref, a, b, u);
                        vk.apply(vec, op);
                        assertStatesClose(ref, vec, TOL, "paired real 4×4 (" + a + "," + b + ") on " + n);
                    }
                }
            }
        }
        // sparse but not two pairs (rows 0 and 1 share column 0 with different partners): the dense kernel
        double[] mixed = new double[32];
        mixed[2 * 0] = 1; mixed[2 * 1] = 1; mixed[2 * 4] = 1; mixed[2 * 6] = 1; mixed[2 * 11] = 1; mixed[2 * 15] = 1;
        assertEquals(KernelOp.Kind.DENSE2_HIGH, KernelOp.dense(new int[] {4, 6}, mixed).kind);
        // re-binding moves between the paired, exchange and dense kernels
        KernelOp op = KernelOp.dense(new int[] {5, 3}, ryThenCnot(0.3));
        for (int round = 0; round < 6; round++) {
            double[] u = switch (round % 3) {
                case 0 -> randomMatrix(2, rnd);
                case 1 -> randomPairedReal(rnd);
                default -> KernelTestSupport.randomExchange(rnd);
            };
            op.setMatrix(u);
            KernelOp.Kind expected = switch (round % 3) {
                case 0 -> KernelOp.Kind.DENSE2_HIGH;
                case 1 -> KernelOp.Kind.PAIRS2_REAL_HIGH;
                default -> KernelOp.Kind.EXCHANGE2_HIGH;
            };
            assertEquals(expected, op.kind, "round " + round);
            try (StateVector ref = randomState(7, rnd); StateVector vec = ref.copy()) {
                ScalarKernels.INSTANCE.dense2(ref, 5, 3, u);
                vk.apply(vec, op);
                assertStatesClose(ref, vec, TOL, "after re-binding, round " + round);
            }
        }
    }

    @Test
    void pairedKernelOnStridedCacheBlocksEqualsPlainApplicationBitForBit() {
        // strided blocks [0, c) ∪ [h, n) take the paired kernel's masked walk (one call per block);
        // targets in the low part, the high part and across both, 1 and 2 threads
        Random rnd = new Random(15);
        int n = 11;
        for (int[] split : new int[][] {{3, 8}, {4, 7}, {5, 9}}) {
            int c = split[0], h = split[1];
            java.util.List<KernelOp> ops = new java.util.ArrayList<>();
            int[][] pairs = {{h, h + 1}, {n - 1, h}, {Lanes.LOG_L, n - 2}, {c - 1, h + 2}, {h + 1, n - 1}};
            for (int[] q : pairs) {
                boolean inBlock = true;
                for (int x : q) inBlock &= x >= Lanes.LOG_L && x < n && (x < c || x >= h);
                if (q[0] == q[1] || !inBlock) continue;
                ops.add(KernelOp.dense(q, rnd.nextBoolean() ? ryThenCnot(rnd.nextDouble() * 6) : randomPairedReal(rnd)));
            }
            ops.add(KernelOp.ry(0, 0.3)); // a non-paired op in between
            ops.add(KernelOp.dense(new int[] {n - 1, h}, ryThenCnot(1.1)));
            for (KernelOp op : ops) if (op.nTargets == 2) assertEquals(KernelOp.Kind.PAIRS2_REAL_HIGH, op.kind, op.toString());
            for (int threads : new int[] {1, 2}) {
                try (StateVector plain = randomState(n, rnd); StateVector blocked = plain.copy()) {
                    for (KernelOp op : ops) VectorKernels.singleThreaded().apply(plain, op);
                    VectorKernels.withThreads(threads, 1).applyBlocked(blocked, ops, c, h);
                    KernelTestSupport.assertStatesIdentical(plain, blocked, "split " + c + "," + h + ", " + threads + " threads");
                }
            }
        }
    }

    @Test
    void reconfiguringBetweenTheTwoQubitKernelsAllocatesNothing() {
        // the kind decision (exchange / paired / dense) runs on every GateKernels.dense2 call and
        // every re-binding: it must not allocate (a per-call table literal once cost 40 B)
        Random rnd = new Random(16);
        double[][] us = {KernelTestSupport.heisenberg(0.3), randomPairedReal(rnd), randomMatrix(2, rnd), ryThenCnot(0.7)};
        KernelOp op = KernelOp.dense(new int[] {3, 4}, us[0]);
        for (int i = 0; i < 20_000; i++) op.setMatrix(us[i & 3]);
        long before = ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) op.setMatrix(us[i & 3]);
        long bytes = ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes() - before;
        // any per-call allocation would be ≥ 16 B × 20 000; allow a little JVM noise
        assertTrue(bytes < 20_000, bytes + " bytes allocated in 20 000 re-bindings");
    }
}
