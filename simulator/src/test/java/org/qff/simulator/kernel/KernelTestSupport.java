package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.circuit.GateMatrices;

/** Random states, matrices and comparisons shared by the kernel tests. */
final class KernelTestSupport {
    private KernelTestSupport() {}

    /**
     * Kernels and reference compute the same sums in a different order (FMA vs separate multiply
     * and add, different grouping): each amplitude differs by a few ulps of the O(1) terms, far
     * below 1e-12, while any indexing or coefficient error shows up at O(1/√dim) ≥ 1e-2.
     */
    static final double TOL = 1e-12;

    static StateVector randomState(int n, Random rnd) {
        StateVector s = StateVector.zero(n);
        long dim = s.dimension();
        double norm = 0;
        double[] a = new double[(int) (2 * dim)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
            norm += a[i] * a[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < a.length; i++) a[i] /= norm;
        s.fromInterleaved(a);
        return s;
    }

    /** Any complex matrix (kernels must be right for non-unitary ones too). */
    static double[] randomMatrix(int k, Random rnd) {
        double[] u = new double[2 << (2 * k)];
        for (int i = 0; i < u.length; i++) u[i] = rnd.nextGaussian() * 0.5;
        return u;
    }

    /** A random unitary by Gram–Schmidt on the rows of a random complex matrix. */
    static double[] randomUnitary(int k, Random rnd) {
        int m = 1 << k;
        double[] u = randomMatrix(k, rnd);
        for (int r = 0; r < m; r++) {
            for (int p = 0; p < r; p++) {
                double dr = 0, di = 0; // <row p, row r> = Σ conj(p)·r
                for (int c = 0; c < m; c++) {
                    double pr = u[2 * (p * m + c)], pi = u[2 * (p * m + c) + 1];
                    double rr = u[2 * (r * m + c)], ri = u[2 * (r * m + c) + 1];
                    dr += pr * rr + pi * ri;
                    di += pr * ri - pi * rr;
                }
                for (int c = 0; c < m; c++) {
                    double pr = u[2 * (p * m + c)], pi = u[2 * (p * m + c) + 1];
                    u[2 * (r * m + c)] -= dr * pr - di * pi;
                    u[2 * (r * m + c) + 1] -= dr * pi + di * pr;
                }
            }
            double nn = 0;
            for (int c = 0; c < 2 * m; c++) nn += u[2 * r * m + c] * u[2 * r * m + c];
            nn = Math.sqrt(nn);
            for (int c = 0; c < 2 * m; c++) u[2 * r * m + c] /= nn;
        }
        return u;
    }

    static double[] randomDiagonal(int k, Random rnd) {
        double[] d = new double[2 << k];
        for (int i = 0; i < d.length; i++) d[i] = rnd.nextGaussian();
        return d;
    }

    static double[] randomPhases(int k, Random rnd) {
        double[] d = new double[2 << k];
        for (int i = 0; i < d.length / 2; i++) {
            double a = rnd.nextDouble() * 2 * Math.PI;
            d[2 * i] = Math.cos(a);
            d[2 * i + 1] = Math.sin(a);
        }
        return d;
    }

    /** k distinct qubits out of n, in random order. */
    static int[] randomQubits(int n, int k, Random rnd) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    static void assertStatesClose(StateVector expected, StateVector actual, double tol, String what) {
        for (long i = 0; i < expected.dimension(); i++) {
            assertEquals(expected.re(i), actual.re(i), tol, () -> what);
            assertEquals(expected.im(i), actual.im(i), tol, () -> what);
        }
    }

    /** Applying the ops one by one, and block by block (2^c-amplitude blocks, 1 and 2 threads), gives the same bits. */
    static void assertBlockedEqualsPlain(java.util.List<KernelOp> ops, int n, int c, Random rnd) {
        for (int threads : new int[] {1, 2}) {
            try (StateVector plain = randomState(n, rnd); StateVector blocked = plain.copy()) {
                for (KernelOp op : ops) VectorKernels.singleThreaded().apply(plain, op);
                VectorKernels.withThreads(threads, 1).applyBlocked(blocked, ops, c);
                assertStatesIdentical(plain, blocked, "block 2^" + c + ", " + threads + " threads");
            }
        }
    }

    static void assertStatesIdentical(StateVector expected, StateVector actual, String what) {
        for (long i = 0; i < expected.dimension(); i++) {
            if (Double.doubleToRawLongBits(expected.re(i)) != Double.doubleToRawLongBits(actual.re(i))
                    || Double.doubleToRawLongBits(expected.im(i)) != Double.doubleToRawLongBits(actual.im(i))) {
                throw new AssertionError(what + ": amplitude " + i + " differs: (" + expected.re(i) + ", " + expected.im(i)
                        + ") vs (" + actual.re(i) + ", " + actual.im(i) + ")");
            }
        }
    }

    /** exp(−iJ(XX+YY+ZZ)) as the circuit layer builds it. */
    static double[] heisenberg(double j) {
        double[] m = new double[32];
        GateMatrices.fill(GateKind.HEISENBERG, new double[] {j}, m);
        return m;
    }

    /** A random 4×4 of the exchange shape: phases on |00⟩, |11⟩ and a random unitary on |01⟩, |10⟩. */
    static double[] randomExchange(Random rnd) {
        double[] m = new double[32], b = randomUnitary(1, rnd);
        double p0 = rnd.nextDouble() * 7, p3 = rnd.nextDouble() * 7;
        m[0] = Math.cos(p0);
        m[1] = Math.sin(p0);
        m[30] = Math.cos(p3);
        m[31] = Math.sin(p3);
        int[] at = {10, 12, 18, 20}; // (1,1), (1,2), (2,1), (2,2)
        for (int e = 0; e < 4; e++) {
            m[at[e]] = b[2 * e];
            m[at[e] + 1] = b[2 * e + 1];
        }
        return m;
    }

    /**
     * Fails unless a skipped bit at {@code qubit} leaves runs of at least
     * {@link Lanes#NESTED_RUN_VECTORS} vectors, so that ops from there up take the kernels'
     * counted inner loops.
     */
    static void assertLongRunsFrom(int qubit) {
        org.junit.jupiter.api.Assertions.assertTrue(Lanes.LOG_L + Long.numberOfTrailingZeros(Lanes.NESTED_RUN_VECTORS) <= qubit,
                "qubit " + qubit + " does not start runs of " + Lanes.NESTED_RUN_VECTORS + " vectors");
    }

    /**
     * The op applied to a copy of {@code ref} in one call, group range by group range (cut every
     * {@code step} groups, then one group at a time), and with 2 threads: all bit-identical.
     */
    static void assertSplitsBitIdentical(KernelOp op, StateVector ref, int step) {
        try (StateVector single = ref.copy()) {
            long dim = ref.dimension(), groups = op.groups(dim);
            double[] work = new double[KernelOp.workSize()];
            op.run(single.segment(), dim, 0, groups, work);
            for (long cut = 0; cut <= groups; cut += step) {
                try (StateVector split = ref.copy()) {
                    op.run(split.segment(), dim, 0, cut, work);
                    for (long g = cut; g < groups; g++) op.run(split.segment(), dim, g, g + 1, work);
                    assertStatesIdentical(single, split, "cut at " + cut);
                }
            }
            try (StateVector many = ref.copy()) {
                VectorKernels.withThreads(2, 2).apply(many, op);
                assertStatesIdentical(single, many, "2 threads");
            }
        }
    }

    /**
     * Ops on qubits [0, 5) ∪ [7, n) of a random n-qubit state: applied in place on those strided
     * blocks, bit for bit as one by one; and remapped to gather buffers (qubit q ≥ 7 → q − 2) and
     * applied there with 2 threads, to {@link #TOL}. Returns the remapped ops.
     */
    static java.util.List<KernelOp> assertStridedAndGatheredMatchPlain(java.util.List<KernelOp> ops, int n, Random rnd) {
        int[] map = new int[StateVector.MAX_QUBITS];
        for (int i = 0; i < map.length; i++) map[i] = i >= 7 ? i - 2 : i;
        java.util.List<KernelOp> buffer = new java.util.ArrayList<>();
        for (KernelOp op : ops) {
            KernelOp remapped = KernelOp.scale(1.0);
            remapped.remapFrom(op, map);
            buffer.add(remapped);
        }
        try (StateVector plain = randomState(n, rnd); StateVector inPlace = plain.copy(); StateVector gathered = plain.copy()) {
            for (KernelOp op : ops) VectorKernels.singleThreaded().apply(plain, op);
            VectorKernels.singleThreaded().applyBlocked(inPlace, ops, 5, 7);
            assertStatesIdentical(plain, inPlace, "strided in place");
            VectorKernels.withThreads(2, 1).applyGathered(gathered, buffer, 5, 7);
            assertStatesClose(plain, gathered, TOL, "gathered");
        }
        return buffer;
    }
}
