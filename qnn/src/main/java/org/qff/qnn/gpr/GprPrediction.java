package org.qff.qnn.gpr;

/**
 * A GPR energy prediction with its posterior variance (eV²) for one configuration: the variance
 * of the latent energy, without observation noise. It is small near training geometries and
 * approaches the prior variance N·σ² far from them.
 */
public record GprPrediction(double energy, double variance) {
    /** Standard deviation of the predicted energy, eV. */
    public double standardDeviation() { return Math.sqrt(variance); }
}
