package org.qff.md;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SymmetricEigen3Test {
    @Test
    void reconstructsRandomSymmetricMatricesFromEigenpairs() {
        Rng rng = new Rng(17);
        for (int trial = 0; trial < 200; trial++) {
            double[] a = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = i; j < 3; j++) {
                    a[3 * i + j] = a[3 * j + i] = rng.nextGaussian();
                }
            }
            if (trial % 10 == 0) { // degenerate cases: a rank-1 inertia-like matrix
                double[] v = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) a[3 * i + j] = v[i] * v[j];
            }
            double[] w = new double[3], v = new double[9];
            SymmetricEigen3.decompose(a, w, v);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double r = 0;
                    for (int k = 0; k < 3; k++) r += v[3 * i + k] * w[k] * v[3 * j + k];
                    assertEquals(a[3 * i + j], r, 1e-12, "A = V diag(w) Vᵀ");
                    double o = 0;
                    for (int k = 0; k < 3; k++) o += v[3 * k + i] * v[3 * k + j];
                    assertEquals(i == j ? 1 : 0, o, 1e-12, "VᵀV = I");
                }
            }
        }
    }
}
