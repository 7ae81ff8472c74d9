package org.qff.qnn.gpr;

import org.qff.qnn.descriptor.AlfCoordinates;

/**
 * Training settings for {@link GprTrainer}. Start from {@link #defaults()} and change fields with
 * the {@code with…} methods.
 *
 * @param priorMean the prior mean function
 * @param shiftMargin how far (eV) shifted-high means lie above the highest training energy
 * @param useForces whether forces are observations (derivative GPR); otherwise energies alone
 * @param energyNoise noise variance on energies relative to the signal variance σ²
 * @param forceNoise noise variance on gradient components relative to σ²
 * @param lengthScale the length-scale multiplier of the feature spreads; NaN: maximise the marginal likelihood
 * @param hyperparameterFrames how many evenly spaced training geometries the likelihood search uses (0: all)
 * @param meanRidge ridge of the linear/quadratic mean fit, relative to the mean diagonal of its normal matrix
 * @param optimiseNoise whether the likelihood search also scales the two noise levels (by one common factor)
 * @param coordinates how the local frames place the other atoms (Cartesian by default: smooth; spherical is FFLUX's)
 */
public record GprOptions(PriorMeanKind priorMean, double shiftMargin, boolean useForces, double energyNoise, double forceNoise,
                         double lengthScale, int hyperparameterFrames, double meanRidge, boolean optimiseNoise,
                         AlfCoordinates coordinates) {

    public GprOptions {
        if (priorMean == null) throw new IllegalArgumentException("prior mean is required");
        if (!(shiftMargin >= 0) || !Double.isFinite(shiftMargin)) throw new IllegalArgumentException("shift margin must be finite and ≥ 0 eV, got " + shiftMargin);
        if (!(energyNoise >= 0) || !Double.isFinite(energyNoise)) throw new IllegalArgumentException("energy noise must be finite and ≥ 0, got " + energyNoise);
        if (!(forceNoise >= 0) || !Double.isFinite(forceNoise)) throw new IllegalArgumentException("force noise must be finite and ≥ 0, got " + forceNoise);
        if (!Double.isNaN(lengthScale) && !(lengthScale > 0 && Double.isFinite(lengthScale))) {
            throw new IllegalArgumentException("length scale must be positive (or NaN to optimise), got " + lengthScale);
        }
        if (hyperparameterFrames < 0) throw new IllegalArgumentException("hyperparameter frames must be ≥ 0, got " + hyperparameterFrames);
        if (coordinates == null) throw new IllegalArgumentException("local-frame coordinates are required");
        if (!(meanRidge >= 0) || !Double.isFinite(meanRidge)) throw new IllegalArgumentException("mean ridge must be finite and ≥ 0, got " + meanRidge);
    }

    /** Constant mean, Cartesian local-frame coordinates, 1 eV margin, forces used, relative noise 10⁻⁶ (scaled by the likelihood search), optimised length scales on at most 50 evenly spaced frames, mean ridge 0.1. */
    public static final double DEFAULT_MEAN_RIDGE = 0.1;
    /** The likelihood search factorises its covariance tens of times: on at most this many geometries by default. */
    public static final int DEFAULT_HYPERPARAMETER_FRAMES = 50;

    public static GprOptions defaults() {
        return new GprOptions(PriorMeanKind.CONSTANT, 1.0, true, 1e-6, 1e-6, Double.NaN, DEFAULT_HYPERPARAMETER_FRAMES, DEFAULT_MEAN_RIDGE, true, AlfCoordinates.DEFAULT);
    }

    public GprOptions withPriorMean(PriorMeanKind m) { return new GprOptions(m, shiftMargin, useForces, energyNoise, forceNoise, lengthScale, hyperparameterFrames, meanRidge, optimiseNoise, coordinates); }

    public GprOptions withShiftMargin(double eV) { return new GprOptions(priorMean, eV, useForces, energyNoise, forceNoise, lengthScale, hyperparameterFrames, meanRidge, optimiseNoise, coordinates); }

    public GprOptions withUseForces(boolean f) { return new GprOptions(priorMean, shiftMargin, f, energyNoise, forceNoise, lengthScale, hyperparameterFrames, meanRidge, optimiseNoise, coordinates); }

    public GprOptions withNoise(double energy, double force) { return new GprOptions(priorMean, shiftMargin, useForces, energy, force, lengthScale, hyperparameterFrames, meanRidge, optimiseNoise, coordinates); }

    public GprOptions withLengthScale(double l) { return new GprOptions(priorMean, shiftMargin, useForces, energyNoise, forceNoise, l, hyperparameterFrames, meanRidge, optimiseNoise, coordinates); }

    public GprOptions withHyperparameterFrames(int n) { return new GprOptions(priorMean, shiftMargin, useForces, energyNoise, forceNoise, lengthScale, n, meanRidge, optimiseNoise, coordinates); }

    public GprOptions withMeanRidge(double r) { return new GprOptions(priorMean, shiftMargin, useForces, energyNoise, forceNoise, lengthScale, hyperparameterFrames, r, optimiseNoise, coordinates); }

    public GprOptions withOptimiseNoise(boolean b) { return new GprOptions(priorMean, shiftMargin, useForces, energyNoise, forceNoise, lengthScale, hyperparameterFrames, meanRidge, b, coordinates); }

    public GprOptions withCoordinates(AlfCoordinates c) { return new GprOptions(priorMean, shiftMargin, useForces, energyNoise, forceNoise, lengthScale, hyperparameterFrames, meanRidge, optimiseNoise, c); }
}
