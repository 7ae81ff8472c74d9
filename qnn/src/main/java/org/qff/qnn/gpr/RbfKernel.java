package org.qff.qnn.gpr;

/**
 * Unit-variance squared-exponential kernel over one atom's features, with per-feature length
 * scales and a periodic distance for the azimuthal angles:
 * k(x, y) = exp(−½ Σ_k g_k(x_k − y_k) / ℓ_k²), g(Δ) = Δ² for ordinary features and
 * g(Δ) = 4 sin²(Δ/2) = 2(1 − cos Δ) for azimuths φ (smooth, 2π-periodic, ≈ Δ² for small Δ).
 *
 * <p>With a_k = g'(Δ_k)/(2ℓ_k²) and b_k = g''(Δ_k)/(2ℓ_k²):
 * ∂k/∂x = −k·a, ∂k/∂y = k·a, ∂²k/∂x∂y = k·(diag(b) − a aᵀ). The signal variance multiplies
 * the whole kernel outside this class. Immutable; thread-safe.
 */
public final class RbfKernel {
    private final double[] inverseSquaredLengths;
    private final boolean[] periodic;

    public RbfKernel(double[] lengthScales, boolean[] periodic) {
        if (lengthScales.length != periodic.length) {
            throw new IllegalArgumentException(lengthScales.length + " length scales for " + periodic.length + " features");
        }
        inverseSquaredLengths = new double[lengthScales.length];
        for (int k = 0; k < lengthScales.length; k++) {
            double l = lengthScales[k];
            if (!(l > 0) || !Double.isFinite(l)) throw new IllegalArgumentException("length scale " + k + " must be positive, got " + l);
            inverseSquaredLengths[k] = 1 / (l * l);
        }
        this.periodic = periodic.clone();
    }

    public int dimension() { return periodic.length; }

    public double value(double[] x, double[] y) {
        return value(x, 0, y, 0);
    }

    /** k between features at x[xo..] and y[yo..] (rows of flat matrices). */
    public double value(double[] x, int xo, double[] y, int yo) {
        double q = 0;
        for (int k = 0; k < periodic.length; k++) {
            double d = x[xo + k] - y[yo + k];
            double g = periodic[k] ? 2 * (1 - Math.cos(d)) : d * d;
            q += g * inverseSquaredLengths[k];
        }
        return Math.exp(-0.5 * q);
    }

    /**
     * k(x, y), filling a and (when non-null) b as defined in the class comment.
     */
    public double derivatives(double[] x, int xo, double[] y, int yo, double[] a, double[] b) {
        double q = 0;
        for (int k = 0; k < periodic.length; k++) {
            double d = x[xo + k] - y[yo + k];
            double w = inverseSquaredLengths[k];
            if (periodic[k]) {
                double c = Math.cos(d);
                q += 2 * (1 - c) * w;
                a[k] = Math.sin(d) * w;
                if (b != null) b[k] = c * w;
            } else {
                q += d * d * w;
                a[k] = d * w;
                if (b != null) b[k] = w;
            }
        }
        return Math.exp(-0.5 * q);
    }
}
