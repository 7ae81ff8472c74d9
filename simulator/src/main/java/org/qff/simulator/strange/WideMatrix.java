package org.qff.simulator.strange;

import org.qff.simulator.StateVector;

/**
 * A dense matrix on more qubits than the kernels take (Strange oracles and blocks may span the
 * whole register), applied with a plain loop: O(4^k · 2^(n−k)), as Strange's own executor costs.
 */
final class WideMatrix {
    private final int[] qubits;
    private final double[] matrix;

    WideMatrix(int[] qubits, double[] matrix) {
        this.qubits = qubits.clone();
        this.matrix = matrix;
    }

    void apply(StateVector s) {
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
                    double ur = matrix[2 * (r * m + c)], ui = matrix[2 * (r * m + c) + 1];
                    accRe += ur * inRe[c] - ui * inIm[c];
                    accIm += ur * inIm[c] + ui * inRe[c];
                }
                s.set(idx[r], accRe, accIm);
            }
        }
    }
}
