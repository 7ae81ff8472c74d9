package org.qff.qnn.gpr;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vectorised kernel sum against the plain per-pair {@link RbfKernel} (the independent reference). */
class InducingKernelSumTest {

    /** Inducing counts below, at and above the vector width (8 doubles with AVX-512), so the tail loops run too. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 37, 400})
    void equalsThePerPairKernelSumAndItsGradient(int points) {
        Random rng = new Random(points);
        int d = 12;
        boolean[] periodic = new boolean[d];
        double[] ls = new double[d];
        for (int k = 0; k < d; k++) {
            periodic[k] = k % 3 == 2;
            ls[k] = 0.3 + rng.nextDouble();
        }
        double[][] z = new double[points][d];
        double[] w = new double[points];
        for (int q = 0; q < points; q++) {
            for (int k = 0; k < d; k++) z[q][k] = periodic[k] ? Math.PI * (2 * rng.nextDouble() - 1) : 1.5 + 0.4 * rng.nextGaussian();
            w[q] = rng.nextGaussian();
        }
        InducingKernelSum sum = new InducingKernelSum(z, ls, periodic, w);
        RbfKernel kernel = new RbfKernel(ls, periodic);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[d];
            // azimuths beyond ±π too: the sum must only see them through cos and sin
            for (int k = 0; k < d; k++) x[k] = periodic[k] ? 4 * (2 * rng.nextDouble() - 1) : 1.5 + 0.4 * rng.nextGaussian();
            double expected = 0, scale = 0;
            double[] expectedGradient = new double[d], a = new double[d];
            for (int q = 0; q < points; q++) {
                double k = kernel.derivatives(x, 0, z[q], 0, a, null);
                expected += w[q] * k;
                scale += Math.abs(w[q] * k);
                for (int f = 0; f < d; f++) expectedGradient[f] -= w[q] * k * a[f];
            }
            double[] gradient = new double[d];
            double got = sum.evaluate(x, gradient, new double[sum.scratchLength()]);
            // different summation orders and a vector exp within 1 ulp: rounding ~1e-16 per term relative to
            // Σ|w k|; the gradient's x·S − Σ c z form loses at most a factor |x|/|x − z| ~ 10 more
            assertEquals(expected, got, 1e-13 * (1 + scale), "value, M = " + points);
            for (int f = 0; f < d; f++) assertEquals(expectedGradient[f], gradient[f], 1e-12 * (1 + scale), "gradient " + f + ", M = " + points);
        }
    }
}
