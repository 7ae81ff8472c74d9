package org.qff.qnn.gpr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RbfKernelTest {
    private final boolean[] periodic = {false, false, true, false, true};
    private final RbfKernel kernel = new RbfKernel(new double[] {0.7, 1.3, 0.9, 0.4, 2.0}, periodic);
    // the azimuths straddle ±π, where a non-periodic distance would be wrong
    private final double[] x = {1.1, 0.3, 3.0, -0.2, -3.05};
    private final double[] y = {0.8, 0.9, -3.1, 0.1, 2.9};

    @Test
    void firstAndMixedSecondDerivativesMatchFiniteDifferences() {
        int d = x.length;
        double[] a = new double[d], b = new double[d];
        double k = kernel.derivatives(x, 0, y, 0, a, b);
        assertEquals(kernel.value(x, y), k, 1e-15);
        // h = 1e-5: central-difference error h²·|k'''| ≲ 1e-9 for these length scales; second-order mixed
        // differences have rounding ~ 1e-16/h² = 1e-6 → tolerance 1e-5 for them, 1e-8 for first derivatives
        double h = 1e-5;
        for (int p = 0; p < d; p++) {
            double[] xp = x.clone(), xm = x.clone();
            xp[p] += h;
            xm[p] -= h;
            assertEquals((kernel.value(xp, y) - kernel.value(xm, y)) / (2 * h), -k * a[p], 1e-8, "∂k/∂x_" + p);
            double[] yp = y.clone(), ym = y.clone();
            yp[p] += h;
            ym[p] -= h;
            assertEquals((kernel.value(x, yp) - kernel.value(x, ym)) / (2 * h), k * a[p], 1e-8, "∂k/∂y_" + p);
            for (int q = 0; q < d; q++) {
                double[] yq = y.clone(), yr = y.clone();
                yq[q] += h;
                yr[q] -= h;
                double fd = (kernel.value(xp, yq) - kernel.value(xp, yr) - kernel.value(xm, yq) + kernel.value(xm, yr)) / (4 * h * h);
                double analytic = k * ((p == q ? b[p] : 0) - a[p] * a[q]);
                assertEquals(fd, analytic, 1e-5, "∂²k/∂x_" + p + "∂y_" + q);
            }
        }
    }

    @Test
    void azimuthsArePeriodicAndOtherFeaturesAreNot() {
        double[] shifted = x.clone();
        shifted[2] += 2 * Math.PI;
        shifted[4] -= 2 * Math.PI;
        assertEquals(kernel.value(x, y), kernel.value(shifted, y), 1e-14);
        double[] notPeriodic = x.clone();
        notPeriodic[0] += 2 * Math.PI;
        assertTrue(kernel.value(notPeriodic, y) < 1e-6 * kernel.value(x, y));
        assertEquals(1.0, kernel.value(x, x), 0);
    }

    @Test
    void badLengthScalesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RbfKernel(new double[] {1, 0}, new boolean[] {false, true}));
        assertTrue(e.getMessage().contains("length scale 1"), e.getMessage());
    }
}
