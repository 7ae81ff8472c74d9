package org.qff.simulator.gradient;

/**
 * In-place arithmetic on small dense gate matrices in the {@link org.qff.simulator.GateKernels}
 * convention (row-major, interleaved re/im, first gate qubit the least significant local bit).
 * Every method writes into a caller-owned array, so the evaluators allocate nothing per gate.
 */
final class LocalMatrices {
    private LocalMatrices() {}

    static void clear(double[] m, int dim) {
        java.util.Arrays.fill(m, 0, 2 * dim * dim, 0.0);
    }

    static void add(double[] m, int dim, int row, int col, double re, double im) {
        m[2 * (row * dim + col)] += re;
        m[2 * (row * dim + col) + 1] += im;
    }

    /** m += α·I. */
    static void addIdentity(double[] m, int dim, double re, double im) {
        for (int l = 0; l < dim; l++) add(m, dim, l, l, re, im);
    }

    /**
     * m += α·P for a Pauli string over the local qubits ({@code paulis.charAt(j)} acts on local bit j;
     * 'I', 'X', 'Y' or 'Z'). P|l⟩ = phase(l)·|l ⊕ flip⟩ with Y|0⟩ = i|1⟩, Y|1⟩ = −i|0⟩, Z|1⟩ = −|1⟩.
     */
    static void addPauli(double[] m, int dim, CharSequence paulis, double re, double im) {
        for (int l = 0; l < dim; l++) {
            int row = l;
            double pr = 1, pi = 0; // phase accumulated as a complex number
            for (int j = 0; j < paulis.length(); j++) {
                int bit = (l >> j) & 1;
                switch (paulis.charAt(j)) {
                    case 'I' -> { }
                    case 'X' -> row ^= 1 << j;
                    case 'Y' -> {
                        row ^= 1 << j;
                        // multiply by +i (bit 0) or −i (bit 1)
                        double s = bit == 0 ? 1 : -1;
                        double nr = -pi * s, ni = pr * s;
                        pr = nr;
                        pi = ni;
                    }
                    case 'Z' -> {
                        if (bit == 1) { pr = -pr; pi = -pi; }
                    }
                    default -> throw new IllegalArgumentException("not a Pauli letter: '" + paulis.charAt(j) + "'");
                }
            }
            add(m, dim, row, l, re * pr - im * pi, re * pi + im * pr);
        }
    }

    /** out = a† (out and a distinct). */
    static void adjoint(double[] a, int dim, double[] out) {
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                out[2 * (c * dim + r)] = a[2 * (r * dim + c)];
                out[2 * (c * dim + r) + 1] = -a[2 * (r * dim + c) + 1];
            }
        }
    }

    /** out = a·b (out distinct from both). */
    static void multiply(double[] a, double[] b, int dim, double[] out) {
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                double sr = 0, si = 0;
                for (int k = 0; k < dim; k++) {
                    double ar = a[2 * (r * dim + k)], ai = a[2 * (r * dim + k) + 1];
                    double br = b[2 * (k * dim + c)], bi = b[2 * (k * dim + c) + 1];
                    sr += ar * br - ai * bi;
                    si += ar * bi + ai * br;
                }
                out[2 * (r * dim + c)] = sr;
                out[2 * (r * dim + c) + 1] = si;
            }
        }
    }

    /** acc += w·m over the first 2·dim² entries. */
    static void axpy(double[] acc, double w, double[] m, int dim) {
        for (int i = 0; i < 2 * dim * dim; i++) acc[i] += w * m[i];
    }

    /** Re tr(a·b) for dim×dim matrices (used to read Pauli coefficients off a generator). */
    static double traceOfProductRe(double[] a, double[] b, int dim) {
        double s = 0;
        for (int r = 0; r < dim; r++) {
            for (int k = 0; k < dim; k++) {
                double ar = a[2 * (r * dim + k)], ai = a[2 * (r * dim + k) + 1];
                double br = b[2 * (k * dim + r)], bi = b[2 * (k * dim + r) + 1];
                s += ar * br - ai * bi;
            }
        }
        return s;
    }
}
