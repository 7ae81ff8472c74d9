package org.qff.qnn.gpr;

import org.qff.qnn.atoms.Elements;
import org.qff.qnn.descriptor.LocalFrame;

import java.util.List;

/**
 * Everything that defines a trained sparse (inducing-point) GPR potential, and nothing derived.
 * Atom i's energy is E_i(x) = m_i(x) + Σ_m k_i(x, z_im) w_im, where z_im are atom i's features at
 * inducing geometry m (a subset of the training geometries, stored as positions) and k_i the
 * unit-variance kernel. The weights come from the subset-of-regressors solve over all training
 * energies and forces ({@link SparseGprTrainer}); the training geometries themselves are not kept.
 *
 * @param species atomic number of each model atom
 * @param frames local frame of each model atom
 * @param lengthScales per atom, per feature kernel length scale (Å or rad)
 * @param lengthScaleFactors the multipliers of the training-set feature spreads (for the record)
 * @param signalVariance σ² in eV² (profiled maximum-likelihood value under the sparse model)
 * @param energyNoise relative noise variance on energy observations (units of σ²)
 * @param forceNoise relative noise variance on gradient observations (units of σ²)
 * @param jitter extra diagonal added to make the system matrix K_MM + ΦᵀΛ⁻¹Φ factorisable
 * @param withForces whether gradients were observed
 * @param trainingCount how many training geometries the solve used
 * @param inducingPositions flat positions (Å) of the M inducing geometries
 * @param weights per atom, per inducing geometry weight, index i·M + m
 * @param priorMean the prior mean
 * @param logMarginalLikelihood log marginal likelihood of the training data under the sparse (SoR) model
 */
public record SparseGprModel(int[] species, List<LocalFrame> frames, double[][] lengthScales, double[] lengthScaleFactors,
                             double signalVariance, double energyNoise, double forceNoise, double jitter, boolean withForces,
                             int trainingCount, double[][] inducingPositions, double[] weights, PriorMean priorMean,
                             double logMarginalLikelihood) {

    public SparseGprModel {
        species = species.clone();
        frames = List.copyOf(frames);
        lengthScales = PriorMean.deepCopy(lengthScales);
        lengthScaleFactors = lengthScaleFactors.clone();
        inducingPositions = PriorMean.deepCopy(inducingPositions);
        weights = weights.clone();
        int n = species.length;
        // the dense model's checks cover species, frames, length scales and prior mean: reuse them on a one-geometry stand-in
        if (inducingPositions.length == 0) throw new IllegalArgumentException("a sparse GPR model needs at least one inducing geometry");
        new GprModel(species, frames, lengthScales, lengthScaleFactors, signalVariance, energyNoise, forceNoise, jitter, false,
                new double[][] {inducingPositions[0]}, new double[1], priorMean, logMarginalLikelihood);
        for (int s = 0; s < inducingPositions.length; s++) {
            if (inducingPositions[s].length != 3 * n) {
                throw new IllegalArgumentException("inducing geometry " + s + " has " + inducingPositions[s].length + " coordinates, expected " + 3 * n);
            }
            for (double x : inducingPositions[s]) if (!Double.isFinite(x)) throw new IllegalArgumentException("inducing geometry " + s + " has a non-finite coordinate");
        }
        if (trainingCount < inducingPositions.length) {
            throw new IllegalArgumentException(trainingCount + " training geometries but " + inducingPositions.length + " inducing geometries");
        }
        int expected = n * inducingPositions.length;
        if (weights.length != expected) throw new IllegalArgumentException(weights.length + " weights, expected " + expected + " (atoms × inducing geometries)");
        for (int k = 0; k < weights.length; k++) if (!Double.isFinite(weights[k])) throw new IllegalArgumentException("weight " + k + " is not finite");
        for (int i = 0; i < n; i++) if (!Elements.isKnown(species[i])) throw new IllegalArgumentException("model atom " + i + " has unknown atomic number " + species[i]);
    }

    public int atomCount() { return species.length; }

    public int inducingCount() { return inducingPositions.length; }

    /** The weights without a copy, for the potential's inner loop. */
    double[] weightsView() { return weights; }

    @Override
    public int[] species() { return species.clone(); }

    @Override
    public double[][] lengthScales() { return PriorMean.deepCopy(lengthScales); }

    @Override
    public double[][] inducingPositions() { return PriorMean.deepCopy(inducingPositions); }

    @Override
    public double[] weights() { return weights.clone(); }

    @Override
    public double[] lengthScaleFactors() { return lengthScaleFactors.clone(); }

    /** The kernels this model's length scales define, one per atom (azimuths periodic). */
    List<RbfKernel> kernels() {
        List<RbfKernel> ks = new java.util.ArrayList<>(species.length);
        for (int i = 0; i < species.length; i++) {
            int d = frames.get(i).dimension();
            boolean[] periodic = new boolean[d];
            for (int k = 0; k < d; k++) periodic[k] = frames.get(i).isPeriodic(k);
            ks.add(new RbfKernel(lengthScales[i], periodic));
        }
        return List.copyOf(ks);
    }
}
