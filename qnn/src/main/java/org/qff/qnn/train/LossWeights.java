package org.qff.qnn.train;

/**
 * Weights of the energy and force terms of the per-frame loss
 * {@code energy·(E − E_ref)² + force·mean_k (F_k − F_ref,k)²} (eV², (eV/Å)²).
 *
 * <p>Default 1 : 10: a force component error of 0.1 eV/Å then weighs as much as an energy error of
 * 0.3 eV, which keeps both terms in play for molecules of 9–21 atoms (energy errors grow with the
 * number of atoms; force errors per component do not).
 */
public record LossWeights(double energy, double force) {
    public static final double DEFAULT_ENERGY = 1.0;
    public static final double DEFAULT_FORCE = 10.0;
    public static final LossWeights DEFAULT = new LossWeights(DEFAULT_ENERGY, DEFAULT_FORCE);

    public LossWeights {
        if (!(energy >= 0) || !(force >= 0) || !Double.isFinite(energy) || !Double.isFinite(force) || energy + force == 0) {
            throw new IllegalArgumentException("loss weights must be finite, non-negative and not both zero: energy=" + energy + ", force=" + force);
        }
    }
}
