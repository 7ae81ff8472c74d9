package org.qff.qnn.neighbors;

/** 1 − 10x³ + 15x⁴ − 6x⁵ (x = r/r_c) inside the cutoff, 0 outside. See {@link CutoffFunction#polynomial}. */
public record PolynomialCutoff(double cutoff) implements CutoffFunction {

    public PolynomialCutoff {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) throw new IllegalArgumentException("cutoff must be positive and finite, got " + cutoff);
    }

    @Override
    public double value(double r) {
        if (r >= cutoff) return 0;
        double x = r / cutoff;
        double om = 1 - x;
        // The same polynomial factored as (1 − x)³(1 + 3x + 6x²): no cancellation near r_c.
        return om * om * om * (1 + x * (3 + 6 * x));
    }

    @Override
    public double derivative(double r) {
        if (r >= cutoff) return 0;
        double x = r / cutoff;
        // d/dx = −30x² + 60x³ − 30x⁴ = −30x²(1 − x)²
        double om = 1 - x;
        return -30 * x * x * om * om / cutoff;
    }

    @Override
    public double secondDerivative(double r) {
        if (r >= cutoff) return 0;
        double x = r / cutoff;
        // d²/dx² = −60x(1 − x)(1 − 2x)
        return -60 * x * (1 - x) * (1 - 2 * x) / (cutoff * cutoff);
    }

    @Override
    public int smoothness() { return 2; }
}
