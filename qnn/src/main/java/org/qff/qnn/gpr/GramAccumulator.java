package org.qff.qnn.gpr;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Accumulates C += T Tᵀ (upper triangle) for a P × R row-major block T: the normal matrix ΦᵀWΦ of
 * the sparse solve, one chunk of observation rows at a time (T holds Φᵀ of the chunk, so each of
 * its rows is contiguous). Cache-blocked over row tiles and vectorised along R; this product is
 * the dominant cost of sparse training (N·(1+3A)·(A·M)²/2 multiply-adds).
 */
final class GramAccumulator {
    private GramAccumulator() {}

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int TILE = 48;

    /** Rows of T must be padded to a multiple of {@link #lanes()} (with zeros). */
    static int lanes() { return SPECIES.length(); }

    /**
     * @param t P × r row-major, r a multiple of {@link #lanes()}
     * @param c P × P row-major; only entries with column ≥ row are updated
     */
    static void addUpper(double[] t, int p, int r, double[] c) {
        if (r % SPECIES.length() != 0) throw new IllegalArgumentException("row length " + r + " is not a multiple of " + SPECIES.length());
        for (int p0 = 0; p0 < p; p0 += TILE) {
            int p1 = Math.min(p, p0 + TILE);
            for (int q0 = p0; q0 < p; q0 += TILE) {
                int q1 = Math.min(p, q0 + TILE);
                for (int a = p0; a < p1; a++) {
                    int qStart = Math.max(q0, a);
                    int q = qStart;
                    int ao = a * r;
                    for (; q + 3 < q1; q += 4) {
                        DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
                        int b0 = q * r, b1 = b0 + r, b2 = b1 + r, b3 = b2 + r;
                        for (int k = 0; k < r; k += SPECIES.length()) {
                            DoubleVector va = DoubleVector.fromArray(SPECIES, t, ao + k);
                            s0 = va.fma(DoubleVector.fromArray(SPECIES, t, b0 + k), s0);
                            s1 = va.fma(DoubleVector.fromArray(SPECIES, t, b1 + k), s1);
                            s2 = va.fma(DoubleVector.fromArray(SPECIES, t, b2 + k), s2);
                            s3 = va.fma(DoubleVector.fromArray(SPECIES, t, b3 + k), s3);
                        }
                        int co = a * p + q;
                        c[co] += s0.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                        c[co + 1] += s1.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                        c[co + 2] += s2.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                        c[co + 3] += s3.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                    }
                    for (; q < q1; q++) {
                        DoubleVector s0 = DoubleVector.zero(SPECIES);
                        int b0 = q * r;
                        for (int k = 0; k < r; k += SPECIES.length()) {
                            s0 = DoubleVector.fromArray(SPECIES, t, ao + k).fma(DoubleVector.fromArray(SPECIES, t, b0 + k), s0);
                        }
                        c[a * p + q] += s0.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                    }
                }
            }
        }
    }
}
