package org.qff.qnn.neighbors;

/** ½(cos(πr/r_c) + 1) inside the cutoff, 0 outside. See {@link CutoffFunction#cosine}. */
public record CosineCutoff(double cutoff) implements CutoffFunction {

    public CosineCutoff {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) throw new IllegalArgumentException("cutoff must be positive and finite, got " + cutoff);
    }

    @Override
    public double value(double r) {
        return r >= cutoff ? 0 : 0.5 * (Math.cos(Math.PI * r / cutoff) + 1);
    }

    @Override
    public double derivative(double r) {
        return r >= cutoff ? 0 : -0.5 * Math.PI / cutoff * Math.sin(Math.PI * r / cutoff);
    }

    @Override
    public double secondDerivative(double r) {
        double k = Math.PI / cutoff;
        return r >= cutoff ? 0 : -0.5 * k * k * Math.cos(k * r);
    }

    @Override
    public int smoothness() { return 1; }
}
