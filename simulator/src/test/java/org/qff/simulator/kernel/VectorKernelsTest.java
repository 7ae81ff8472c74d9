package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.KernelTestSupport.TOL;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesClose;
import static org.qff.simulator.kernel.KernelTestSupport.randomDiagonal;
import static org.qff.simulator.kernel.KernelTestSupport.randomMatrix;
import static org.qff.simulator.kernel.KernelTestSupport.randomQubits;
import static org.qff.simulator.kernel.KernelTestSupport.randomState;

import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;

/**
 * Every vector kernel on every target position (and every control position for one control, random
 * ones for more) against the scalar reference, for n = 1..10: this covers the low-target (lane
 * shuffle) paths, the high-target paths, the mixed ones and the scalar fallback for tiny states.
 */
class VectorKernelsTest {
    private static final GateKernels REF = ScalarKernels.INSTANCE;
    private static final GateKernels VEC = VectorKernels.singleThreaded();
    private static final int MAX_N = 10;

    /** Applies the same gate through both kernel sets to copies of one random state and compares. */
    private static void check(int n, Random rnd, String what, BiConsumer<GateKernels, StateVector> gate) {
        try (StateVector a = randomState(n, rnd); StateVector b = a.copy()) {
            gate.accept(REF, a);
            gate.accept(VEC, b);
            assertStatesClose(a, b, TOL, what + " on " + n + " qubits");
        }
    }

    @Test
    void singleQubitKernelsOnEveryTarget() {
        Random rnd = new Random(1);
        for (int n = 1; n <= MAX_N; n++) {
            for (int t = 0; t < n; t++) {
                final int ft = t;
                double[] u = randomMatrix(1, rnd);
                double theta = rnd.nextDouble() * 7 - 3.5;
                double[] d = randomDiagonal(1, rnd);
                check(n, rnd, "dense1 t=" + t, (k, s) -> k.dense1(s, ft, u));
                check(n, rnd, "ry t=" + t, (k, s) -> k.ry(s, ft, theta));
                check(n, rnd, "diagonal1 t=" + t, (k, s) -> k.diagonal1(s, ft, d[0], d[1], d[2], d[3]));
                check(n, rnd, "x t=" + t, (k, s) -> k.controlledX(s, new int[0], ft));
                check(n, rnd, "denseK(1) t=" + t, (k, s) -> k.denseK(s, new int[] {ft}, u));
                check(n, rnd, "controlled1(no controls) t=" + t, (k, s) -> k.controlled1(s, new int[0], ft, u));
            }
            double f = rnd.nextGaussian();
            check(n, rnd, "scale", (k, s) -> k.scale(s, f));
        }
    }

    @Test
    void twoQubitKernelsOnEveryOrderedPair() {
        Random rnd = new Random(2);
        for (int n = 2; n <= MAX_N; n++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b) continue;
                    final int fa = a, fb = b;
                    String at = " (" + a + "," + b + ")";
                    double[] u = randomMatrix(2, rnd), u1 = randomMatrix(1, rnd), d = randomDiagonal(2, rnd);
                    check(n, rnd, "dense2" + at, (k, s) -> k.dense2(s, fa, fb, u));
                    double[] ur = u.clone();
                    for (int i = 1; i < ur.length; i += 2) ur[i] = 0; // the real-matrix path
                    check(n, rnd, "real dense2" + at, (k, s) -> k.dense2(s, fa, fb, ur));
                    // real and never changing one of the two qubits (a 2×2 on the other chosen by it, as
                    // RY(b)·CX(a, b)): with one lane and one high qubit, the shuffle-free mixed kernel
                    for (int kept = 0; kept < 2; kept++) {
                        double[] uk = ur.clone();
                        for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) if (((r >> kept) & 1) != ((c >> kept) & 1)) uk[2 * (4 * r + c)] = 0;
                        check(n, rnd, "real dense2 keeping local bit " + kept + at, (k, s) -> k.dense2(s, fa, fb, uk));
                    }
                    check(n, rnd, "diagonal2" + at, (k, s) -> k.diagonal(s, new int[] {fa, fb}, d));
                    check(n, rnd, "cnot" + at, (k, s) -> k.controlledX(s, new int[] {fa}, fb));
                    check(n, rnd, "swap" + at, (k, s) -> k.swap(s, fa, fb));
                    check(n, rnd, "controlled1" + at, (k, s) -> k.controlled1(s, new int[] {fa}, fb, u1));
                }
            }
        }
    }

    @Test
    void manyQubitKernelsOnRandomPositions() {
        Random rnd = new Random(3);
        for (int n = 3; n <= MAX_N; n++) {
            for (int trial = 0; trial < 40; trial++) {
                int kmax = Math.min(n, KernelOp.MAX_DENSE_QUBITS);
                int k = 3 + rnd.nextInt(kmax - 2);
                int[] q = randomQubits(n, k, rnd);
                int[] ctl = java.util.Arrays.copyOf(q, k - 1);
                int tgt = q[k - 1];
                String at = " " + java.util.Arrays.toString(q);
                double[] u = randomMatrix(k, rnd), u1 = randomMatrix(1, rnd), d = randomDiagonal(k, rnd);
                check(n, rnd, "denseK" + at, (kk, s) -> kk.denseK(s, q, u));
                check(n, rnd, "diagonalK" + at, (kk, s) -> kk.diagonal(s, q, d));
                check(n, rnd, "multi-controlled X" + at, (kk, s) -> kk.controlledX(s, ctl, tgt));
                check(n, rnd, "multi-controlled U" + at, (kk, s) -> kk.controlled1(s, ctl, tgt, u1));
                if (k <= 4 && n > k) {
                    // a controlled dense block: controls on the remaining qubits
                    int[] all = randomQubits(n, k + 1, rnd);
                    int[] t2 = java.util.Arrays.copyOf(all, 2);
                    int[] c2 = java.util.Arrays.copyOfRange(all, 2, k + 1);
                    double[] u2 = randomMatrix(2, rnd);
                    try (StateVector a = randomState(n, rnd); StateVector b = a.copy()) {
                        applyReferenceControlled(a, c2, t2, u2);
                        VectorKernels.singleThreaded().apply(b, KernelOp.controlled(c2, t2, u2));
                        assertStatesClose(a, b, TOL, "controlled dense2 " + java.util.Arrays.toString(all));
                    }
                }
            }
        }
    }

    @Test
    void denseBlocksEntirelyInsideOneVector() {
        Random rnd = new Random(5);
        for (int n = 3; n <= MAX_N; n++) {
            for (int[] q : new int[][] {{2, 0, 1}, {0, 1, 2}, {1, 2}, {2, 0}}) {
                double[] u = randomMatrix(q.length, rnd);
                check(n, rnd, "denseK " + java.util.Arrays.toString(q), (k, s) -> k.denseK(s, q, u));
            }
        }
    }

    @Test
    void everyLowAndHighCombinationOfAFiveQubitBlock() {
        // All 2^5 placements of a 5-qubit block's qubits below/above the vector width, on 9 qubits.
        Random rnd = new Random(4);
        int n = 9;
        for (int trial = 0; trial < 30; trial++) {
            int[] q = randomQubits(n, 5, rnd);
            double[] u = randomMatrix(5, rnd);
            check(n, rnd, "denseK(5) " + java.util.Arrays.toString(q), (k, s) -> k.denseK(s, q, u));
        }
    }

    @Test
    void kernelsOnBothSidesOfTheFlatLoopLimit() {
        // targets below DenseSweeps.FLAT_BELOW walk groups in one flat loop, those at or above it in
        // runs: check both, on a state large enough for the run loops (n = 12 > MAX_N)
        Random rnd = new Random(7);
        int n = 12, f = DenseSweeps.FLAT_BELOW;
        double[] paired = new double[32]; // RY(0.9) on local bit 1, then CNOT(local 0 → local 1)
        double c = Math.cos(0.45), sn = Math.sin(0.45);
        double[][] ry = {{c, -sn}, {sn, c}};
        for (int r = 0; r < 4; r++) {
            int src = (r & 1) == 1 ? r ^ 2 : r;
            for (int k = 0; k < 4; k++) if ((src & 1) == (k & 1)) paired[2 * (4 * r + k)] = ry[src >> 1][k >> 1];
        }
        for (int t : new int[] {f - 2, f - 1, f, n - 1}) {
            if (t < Lanes.LOG_L + 1 || t >= n) continue;
            double theta = rnd.nextDouble() * 6;
            int lower = t - 1;
            check(n, rnd, "ry t=" + t, (k, s) -> k.ry(s, t, theta));
            check(n, rnd, "cnot " + lower + "→" + t, (k, s) -> k.controlledX(s, new int[] {lower}, t));
            check(n, rnd, "toffoli 0," + lower + "→" + t, (k, s) -> k.controlledX(s, new int[] {0, lower}, t));
            check(n, rnd, "paired real 4×4 (" + lower + "," + t + ")", (k, s) -> k.dense2(s, lower, t, paired));
            check(n, rnd, "paired real 4×4 (" + t + "," + lower + ")", (k, s) -> k.dense2(s, t, lower, paired));
        }
    }

    @Test
    void diagonalsWithOneLowHighQubitOnUnalignedGroupRanges() {
        // Lowest high qubit at 3 or 4 takes the alternating-pattern loop; ranges that start and end
        // mid-period (as thread chunks and cache blocks may) exercise its head and tail.
        Random rnd = new Random(6);
        int n = 9;
        for (int[] q : new int[][] {{2, 3}, {3, 1}, {4}, {0, 4}, {3, 4}, {2, 3, 6}}) {
            double[] d = randomDiagonal(q.length, rnd);
            KernelOp op = KernelOp.diagonal(q, d);
            for (int[] range : new int[][] {{0, 64}, {1, 64}, {3, 61}, {5, 6}, {7, 9}}) {
                try (StateVector a = randomState(n, rnd); StateVector b = a.copy()) {
                    REF.diagonal(a, q, d);
                    // the complement of the range, then the range: together the whole state
                    op.run(b.segment(), b.dimension(), 0, range[0], null);
                    op.run(b.segment(), b.dimension(), range[0], range[1], null);
                    op.run(b.segment(), b.dimension(), range[1], op.groups(b.dimension()), null);
                    assertStatesClose(a, b, TOL, "diagonal " + java.util.Arrays.toString(q) + " split at " + java.util.Arrays.toString(range));
                }
            }
        }
    }

    /** Reference for a controlled k-qubit matrix: the scalar denseK on the targets, restricted to control = 1. */
    private static void applyReferenceControlled(StateVector s, int[] controls, int[] targets, double[] u) {
        int k = targets.length, m = 1 << k;
        long cmask = 0, tmask = 0;
        for (int c : controls) cmask |= 1L << c;
        for (int t : targets) tmask |= 1L << t;
        for (long base = 0; base < s.dimension(); base++) {
            if ((base & tmask) != 0 || (base & cmask) != cmask) continue;
            double[] re = new double[m], im = new double[m];
            long[] idx = new long[m];
            for (int l = 0; l < m; l++) {
                long i = base;
                for (int j = 0; j < k; j++) if (((l >> j) & 1) != 0) i |= 1L << targets[j];
                idx[l] = i;
                re[l] = s.re(i);
                im[l] = s.im(i);
            }
            for (int r = 0; r < m; r++) {
                double ar = 0, ai = 0;
                for (int c = 0; c < m; c++) {
                    double ur = u[2 * (r * m + c)], ui = u[2 * (r * m + c) + 1];
                    ar += ur * re[c] - ui * im[c];
                    ai += ur * im[c] + ui * re[c];
                }
                s.set(idx[r], ar, ai);
            }
        }
    }
}
