package org.qff.qnn.neighbors;

/**
 * A smooth switch f(r) that is 1 at r = 0 and falls to 0 at the cutoff r_c, and stays 0 beyond.
 * Multiplying a pair contribution by f makes the energy continuous (and, to the order the
 * function guarantees, differentiable) when a neighbour crosses the cutoff.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface CutoffFunction {

    /** The cutoff radius r_c (Å). */
    double cutoff();

    /** f(r); 0 for r ≥ r_c. */
    double value(double r);

    /** df/dr; 0 for r ≥ r_c. */
    double derivative(double r);

    /** d²f/dr²; 0 for r ≥ r_c (a cosine cutoff's second derivative jumps there). */
    double secondDerivative(double r);

    /** Number of derivatives that are continuous at r_c (1 for cosine, 2 for the quintic polynomial). */
    int smoothness();

    /** The Behler cosine cutoff ½(cos(πr/r_c) + 1): value and first derivative vanish at r_c. */
    static CutoffFunction cosine(double cutoff) {
        return new CosineCutoff(cutoff);
    }

    /**
     * The quintic polynomial 1 − 10x³ + 15x⁴ − 6x⁵ with x = r/r_c: value, first and second
     * derivatives vanish at r_c (and the derivatives at r = 0 too).
     */
    static CutoffFunction polynomial(double cutoff) {
        return new PolynomialCutoff(cutoff);
    }
}
