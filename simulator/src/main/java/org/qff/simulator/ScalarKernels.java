package org.qff.simulator;

/**
 * The scalar reference kernels: plain loops over {@link StateVector#re}/{@link StateVector#im},
 * written for obviousness, not speed. Fast kernels are tested against these.
 */
public final class ScalarKernels implements GateKernels {

    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public void dense1(StateVector s, int target, double[] u) {
        denseK(s, new int[] {target}, u);
    }

    @Override
    public void ry(StateVector s, int target, double theta) {
        double c = Math.cos(theta / 2), sn = Math.sin(theta / 2);
        dense1(s, target, new double[] {c, 0, -sn, 0, sn, 0, c, 0});
    }

    @Override
    public void diagonal1(StateVector s, int target, double d0re, double d0im, double d1re, double d1im) {
        diagonal(s, new int[] {target}, new double[] {d0re, d0im, d1re, d1im});
    }

    @Override
    public void diagonal(StateVector s, int[] qubits, double[] diag) {
        for (long i = 0; i < s.dimension(); i++) {
            int local = localIndex(i, qubits);
            double dr = diag[2 * local], di = diag[2 * local + 1];
            double r = s.re(i), m = s.im(i);
            s.set(i, r * dr - m * di, r * di + m * dr);
        }
    }

    @Override
    public void controlledX(StateVector s, int[] controls, int target) {
        controlled1(s, controls, target, new double[] {0, 0, 1, 0, 1, 0, 0, 0});
    }

    @Override
    public void swap(StateVector s, int a, int b) {
        double[] u = new double[32];
        // local index bit0 = a, bit1 = b: |01> <-> |10>, |00> and |11> fixed
        u[2 * (0 * 4 + 0)] = 1;
        u[2 * (1 * 4 + 2)] = 1;
        u[2 * (2 * 4 + 1)] = 1;
        u[2 * (3 * 4 + 3)] = 1;
        dense2(s, a, b, u);
    }

    @Override
    public void controlled1(StateVector s, int[] controls, int target, double[] u) {
        long mask = 0;
        for (int c : controls) mask |= 1L << c;
        long tbit = 1L << target;
        for (long i = 0; i < s.dimension(); i++) {
            if ((i & tbit) != 0 || (i & mask) != mask) continue;
            long j = i | tbit;
            double ar = s.re(i), ai = s.im(i), br = s.re(j), bi = s.im(j);
            s.set(i, u[0] * ar - u[1] * ai + u[2] * br - u[3] * bi, u[0] * ai + u[1] * ar + u[2] * bi + u[3] * br);
            s.set(j, u[4] * ar - u[5] * ai + u[6] * br - u[7] * bi, u[4] * ai + u[5] * ar + u[6] * bi + u[7] * br);
        }
    }

    @Override
    public void dense2(StateVector s, int q0, int q1, double[] u) {
        denseK(s, new int[] {q0, q1}, u);
    }

    @Override
    public void denseK(StateVector s, int[] qubits, double[] u) {
        int k = qubits.length, m = 1 << k;
        long mask = 0;
        for (int q : qubits) mask |= 1L << q;
        long[] idx = new long[m];
        double[] inRe = new double[m], inIm = new double[m];
        for (long base = 0; base < s.dimension(); base++) {
            if ((base & mask) != 0) continue;
            for (int l = 0; l < m; l++) {
                long i = base;
                for (int j = 0; j < k; j++) if (((l >> j) & 1) != 0) i |= 1L << qubits[j];
                idx[l] = i;
                inRe[l] = s.re(i);
                inIm[l] = s.im(i);
            }
            for (int r = 0; r < m; r++) {
                double accRe = 0, accIm = 0;
                for (int c = 0; c < m; c++) {
                    double ur = u[2 * (r * m + c)], ui = u[2 * (r * m + c) + 1];
                    accRe += ur * inRe[c] - ui * inIm[c];
                    accIm += ur * inIm[c] + ui * inRe[c];
                }
                s.set(idx[r], accRe, accIm);
            }
        }
    }

    @Override
    public void scale(StateVector s, double factor) {
        for (long i = 0; i < s.dimension(); i++) s.set(i, s.re(i) * factor, s.im(i) * factor);
    }

    static int localIndex(long index, int[] qubits) {
        int local = 0;
        for (int j = 0; j < qubits.length; j++) local |= (int) ((index >> qubits[j]) & 1) << j;
        return local;
    }
}
