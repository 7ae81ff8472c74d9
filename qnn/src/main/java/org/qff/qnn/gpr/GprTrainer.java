package org.qff.qnn.gpr;

import org.ejml.data.DMatrixRMaj;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.descriptor.LocalFrame;
import org.qff.qnn.descriptor.LocalFrames;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link GprPotential} on geometries of one molecule with total energies and (optionally)
 * forces: chooses the local frames from the first geometry, fits the prior mean, then picks the
 * kernel length scales by maximising the log marginal likelihood and solves for the weights.
 *
 * <p>Hyperparameters: every atom's kernel uses length scales ℓ·s_k, with s_k the spread of feature
 * k over the training set and three multipliers ℓ shared by all atoms, for distances, polar angles
 * and azimuths; optionally a scale of the configured relative noise. The signal variance σ² is
 * profiled out analytically (σ̂² = yᵀK0⁻¹y / n for the unit-variance covariance K0 with relative
 * noise), so the likelihood is a function of three or four logs, maximised by a coarse scan of a
 * common multiplier then Nelder–Mead (derivative-free; each step is one Cholesky factorisation).
 */
public final class GprTrainer {
    private GprTrainer() {}

    private static final System.Logger LOG = System.getLogger("org.qff.qnn.gpr");
    /** Feature spreads are floored here (Å or rad) so that a frozen feature cannot get a zero length scale. */
    private static final double MIN_SPREAD = 1e-2;
    private static final double[] SCAN = {0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32};
    private static final int NELDER_MEAD_EVALUATIONS = 40;

    /**
     * @param structures geometries of one molecule, all with the same atoms in the same order
     * @param energies total energy of each geometry, eV
     * @param forces per geometry forces (3N, eV/Å); may be null when {@code options.useForces()} is false
     * @throws IllegalArgumentException naming the offending geometry, atom or value
     */
    public static GprPotential train(Structure[] structures, double[] energies, double[][] forces, GprOptions options) {
        check(structures, energies, forces, options);
        int m = structures.length, n = structures[0].size();
        checkMemory(m, n, options.useForces());
        Prepared p = prepare(structures, energies, forces, options);
        List<LocalFrame> frames = p.frames();
        double[][] positions = p.positions();
        DescriptorSet ds = p.descriptors();
        boolean useForces = options.useForces();
        PriorMean mean = p.mean();
        double[] residual = p.residual();
        double[][] spreads = p.spreads();
        Hyper h = p.hyper();
        double energyNoise = p.energyNoise(), forceNoise = p.forceNoise();
        List<RbfKernel> kernels = p.kernels();
        DMatrixRMaj cov = Covariance.training(kernels, ds, useForces, energyNoise, forceNoise);
        JitteredCholesky chol = JitteredCholesky.factor(cov, "GPR training covariance (" + m + " geometries)", true);
        double[] weights = residual.clone();
        chol.solveInPlace(weights);
        double quad = dot(residual, weights);
        int obs = residual.length;
        double sigma2 = Math.max(quad / obs, Double.MIN_NORMAL);
        double logMl = profiledLogLikelihood(quad, chol.logDeterminant(), obs);
        LOG.log(System.Logger.Level.INFO, () -> String.format("GPR trained on %d geometries (%d observations): σ² = %.4g eV², log ML = %.6g",
                m, obs, sigma2, logMl));
        double[][] lengthScales = p.lengthScales();
        int[] species = structures[0].atomicNumbers();
        GprModel model = new GprModel(species, frames, lengthScales, h.factors(), sigma2, energyNoise, forceNoise, chol.jitter(),
                useForces, positions, weights, mean, logMl);
        return new GprPotential(model, chol);
    }

    /**
     * What the dense and the sparse solve share: local frames, features (with Jacobians when forces
     * are used), the fitted prior mean, the residuals y − m, the feature spreads and the
     * hyperparameters (from the likelihood search on {@code hyperparameterFrames} geometries, or fixed).
     */
    record Prepared(List<LocalFrame> frames, double[][] positions, DescriptorSet descriptors, PriorMean mean, double[] residual,
                    double[][] spreads, Hyper hyper, double energyNoise, double forceNoise, List<RbfKernel> kernels,
                    double[][] lengthScales) {}

    /** Expects {@link #check} to have passed. */
    static Prepared prepare(Structure[] structures, double[] energies, double[][] forces, GprOptions options) {
        int m = structures.length, n = structures[0].size(), n3 = 3 * n;
        List<LocalFrame> frames = LocalFrames.choose(structures[0], options.coordinates());
        double[][] positions = new double[m][];
        for (int s = 0; s < m; s++) positions[s] = structures[s].positions();
        boolean useForces = options.useForces();
        DescriptorSet ds = new DescriptorSet(positions, frames, useForces);
        double[][] gradients = null;
        if (useForces) {
            gradients = new double[m][n3];
            for (int s = 0; s < m; s++) for (int c = 0; c < n3; c++) gradients[s][c] = -forces[s][c];
        }
        PriorMean mean = PriorMeanFitter.fit(options.priorMean(), options.shiftMargin(), options.meanRidge(), ds, energies, gradients);
        double[] residual = residuals(ds, mean, energies, gradients);

        double[][] spreads = new double[n][];
        for (int i = 0; i < n; i++) {
            spreads[i] = new double[ds.dimensions[i]];
            for (int k = 0; k < spreads[i].length; k++) spreads[i][k] = Math.max(MIN_SPREAD, ds.spread(i, k));
        }
        Hyper h = Double.isNaN(options.lengthScale())
                ? optimise(options, frames, positions, residual, spreads, useForces)
                : new Hyper(new double[] {options.lengthScale(), options.lengthScale(), options.lengthScale()}, 1);
        double energyNoise = options.energyNoise() * h.noiseScale(), forceNoise = options.forceNoise() * h.noiseScale();
        double[][] lengthScales = lengthScales(frames, spreads, h.factors());
        List<RbfKernel> kernels = kernels(frames, lengthScales);
        return new Prepared(frames, positions, ds, mean, residual, spreads, h, energyNoise, forceNoise, kernels, lengthScales);
    }

    /**
     * Trains on every frame of a data set (energies, and forces when {@code options.useForces()}).
     * Use {@link org.qff.qnn.data.Dataset#head} or {@code subset} to choose the training frames.
     */
    public static GprPotential train(org.qff.qnn.data.Dataset data, GprOptions options) {
        return TrainingArrays.trainOn(data, t -> train(t.structures(), t.energies(), t.forces(), options));
    }

    /** y − m: energy residuals and (with forces) gradient residuals, in covariance observation order. */
    static double[] residuals(DescriptorSet ds, PriorMean mean, double[] energies, double[][] gradients) {
        int n = ds.atomCount, n3 = 3 * n;
        int per = Covariance.observationsPerFrame(n, gradients != null);
        double[] y = new double[ds.frameCount * per];
        for (int s = 0; s < ds.frameCount; s++) {
            double e = 0;
            double[] g = new double[n3];
            for (int i = 0; i < n; i++) {
                double[] gx = new double[ds.dimensions[i]];
                e += mean.atomValue(i, ds.features[s][i], gx);
                if (gradients == null) continue;
                double[] jac = ds.jacobians[s][i];
                for (int k = 0; k < gx.length; k++) {
                    if (gx[k] == 0) continue;
                    for (int c = 0; c < n3; c++) g[c] += gx[k] * jac[k * n3 + c];
                }
            }
            y[s * per] = energies[s] - e;
            if (gradients != null) for (int c = 0; c < n3; c++) y[s * per + 1 + c] = gradients[s][c] - g[c];
        }
        return y;
    }

    /** Length-scale multipliers per feature group ({@link org.qff.qnn.descriptor.AlfCoordinates#group}) and the noise scale. */
    record Hyper(double[] factors, double noiseScale) {}

    private static Hyper optimise(GprOptions options, List<LocalFrame> frames, double[][] positions, double[] residual,
                                  double[][] spreads, boolean useForces) {
        int m = positions.length;
        int use = options.hyperparameterFrames() == 0 ? m : Math.min(m, options.hyperparameterFrames());
        int per = Covariance.observationsPerFrame(frames.size(), useForces);
        double[][] subPositions = new double[use][];
        double[] subResidual = new double[use * per];
        for (int q = 0; q < use; q++) {
            int s = (int) ((long) q * m / use);
            subPositions[q] = positions[s];
            System.arraycopy(residual, s * per, subResidual, q * per, per);
        }
        DescriptorSet sub = new DescriptorSet(subPositions, frames, useForces);
        boolean noise = options.optimiseNoise();
        java.util.function.ToDoubleFunction<double[]> objective = logs -> {
            double[] f = {Math.exp(logs[0]), Math.exp(logs[1]), Math.exp(logs[2])};
            double nu = noise ? Math.exp(logs[3]) : 1;
            DMatrixRMaj cov = Covariance.training(kernels(frames, spreads, f), sub, useForces, options.energyNoise() * nu, options.forceNoise() * nu);
            double value;
            try {
                JitteredCholesky chol = JitteredCholesky.factor(cov, "GPR covariance", false);
                double[] w = subResidual.clone();
                chol.solveInPlace(w);
                value = profiledLogLikelihood(dot(subResidual, w), chol.logDeterminant(), subResidual.length);
            } catch (IllegalArgumentException e) {
                value = Double.NEGATIVE_INFINITY;
            }
            double v = value;
            LOG.log(System.Logger.Level.DEBUG, () -> "ℓ = " + java.util.Arrays.toString(f) + ", noise × " + nu + ": log ML = " + v);
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        };
        // coarse scan of a common multiplier, then Nelder–Mead on the group multipliers (and noise scale), all in logs
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        int dims = noise ? 4 : 3;
        for (int q = 0; q < SCAN.length; q++) {
            double[] x = new double[dims];
            for (int g = 0; g < 3; g++) x[g] = Math.log(SCAN[q]);
            double v = objective.applyAsDouble(x);
            if (v > bestValue) { bestValue = v; best = q; }
        }
        if (bestValue == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("no length scale gives a factorisable covariance");
        double[] start = new double[dims];
        for (int g = 0; g < 3; g++) start[g] = Math.log(SCAN[best]);
        double[] opt = NelderMead.maximise(objective, start, Math.log(3), NELDER_MEAD_EVALUATIONS, 1e-3);
        Hyper h = new Hyper(new double[] {Math.exp(opt[0]), Math.exp(opt[1]), Math.exp(opt[2])}, noise ? Math.exp(opt[3]) : 1);
        String[] groups = switch (frames.get(0).coordinates()) {
            case SPHERICAL -> new String[] {"distances", "angles", "azimuths"};
            case CARTESIAN -> new String[] {"frame distances", "frame angle", "local x, y, z"};
            case DIRECTION -> new String[] {"distances", "frame angle", "direction cosines"};
        };
        LOG.log(System.Logger.Level.INFO, () -> String.format("GPR hyperparameters on %d geometries: length-scale multipliers %.4g (%s),"
                + " %.4g (%s), %.4g (%s); noise × %.3g", use, h.factors()[0], groups[0], h.factors()[1], groups[1], h.factors()[2], groups[2],
                h.noiseScale()));
        return h;
    }

    static List<RbfKernel> kernels(List<LocalFrame> frames, double[][] spreads, double[] groupFactors) {
        return kernels(frames, lengthScales(frames, spreads, groupFactors));
    }

    /** Length scale of feature k of frame i: its group's multiplier ({@link org.qff.qnn.descriptor.AlfCoordinates#group}) times the feature's spread. */
    static double[][] lengthScales(List<LocalFrame> frames, double[][] spreads, double[] groupFactors) {
        double[][] ls = new double[frames.size()][];
        for (int i = 0; i < frames.size(); i++) {
            ls[i] = new double[frames.get(i).dimension()];
            for (int k = 0; k < ls[i].length; k++) ls[i][k] = groupFactors[frames.get(i).coordinates().group(k)] * spreads[i][k];
        }
        return ls;
    }

    private static List<RbfKernel> kernels(List<LocalFrame> frames, double[][] lengthScales) {
        List<RbfKernel> ks = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            boolean[] periodic = new boolean[lengthScales[i].length];
            for (int k = 0; k < periodic.length; k++) periodic[k] = frames.get(i).isPeriodic(k);
            ks.add(new RbfKernel(lengthScales[i], periodic));
        }
        return ks;
    }

    /** log p(y) at the maximum-likelihood σ² for K = σ²K0: −½n(log σ̂² + 1 + log 2π) − ½ log det K0. */
    static double profiledLogLikelihood(double quadratic, double logDetK0, int n) {
        double sigma2 = quadratic / n;
        if (!(sigma2 > 0)) return Double.NEGATIVE_INFINITY;
        return -0.5 * n * (Math.log(sigma2) + 1 + Math.log(2 * Math.PI)) - 0.5 * logDetK0;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int k = 0; k < u.length; k++) s += u[k] * v[k];
        return s;
    }

    /**
     * The dense covariance, its working copy and its factor are three (M·(1+3N))² double matrices;
     * refuse up front, with the sizes, rather than fail with OutOfMemoryError half-way through.
     */
    private static void checkMemory(int frames, int atoms, boolean useForces) {
        long obs = (long) frames * Covariance.observationsPerFrame(atoms, useForces);
        long bytes = 3L * obs * obs * Double.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (obs > Integer.MAX_VALUE / obs || bytes > 0.8 * max) {
            throw new IllegalArgumentException(String.format("training on %d geometries of %d atoms%s needs a %d × %d covariance (about %.1f GB"
                    + " with its factor) but the JVM may use %.1f GB: use fewer geometries, energies alone (useForces=false),"
                    + " or a larger -Xmx", frames, atoms, useForces ? " with forces" : "", obs, obs, bytes / 1e9, max / 1e9));
        }
    }

    static void check(Structure[] structures, double[] energies, double[][] forces, GprOptions options) {
        if (options == null) throw new IllegalArgumentException("options are required");
        if (structures == null || structures.length == 0) throw new IllegalArgumentException("no training geometries");
        if (energies == null || energies.length != structures.length) {
            throw new IllegalArgumentException((energies == null ? 0 : energies.length) + " energies for " + structures.length + " geometries");
        }
        if (options.useForces() && (forces == null || forces.length != structures.length)) {
            throw new IllegalArgumentException((forces == null ? "no" : String.valueOf(forces.length)) + " force arrays for "
                    + structures.length + " geometries (train with useForces=false to fit energies alone)");
        }
        int[] species = structures[0].atomicNumbers();
        for (int s = 0; s < structures.length; s++) {
            Structure st = structures[s];
            if (st.isPeriodic()) throw new IllegalArgumentException("geometry " + s + " is periodic; GPR models are for isolated molecules");
            if (st.size() != species.length) {
                throw new IllegalArgumentException("geometry " + s + " has " + st.size() + " atoms, geometry 0 has " + species.length);
            }
            for (int i = 0; i < species.length; i++) {
                if (st.atomicNumber(i) != species[i]) {
                    throw new IllegalArgumentException("geometry " + s + ": atom " + i + " is " + Elements.symbol(st.atomicNumber(i))
                            + ", in geometry 0 it is " + Elements.symbol(species[i]) + " (all geometries need the same atom order)");
                }
            }
            if (!Double.isFinite(energies[s])) throw new IllegalArgumentException("energy of geometry " + s + " is not finite: " + energies[s]);
            if (options.useForces()) {
                if (forces[s] == null || forces[s].length != 3 * species.length) {
                    throw new IllegalArgumentException("forces of geometry " + s + " need " + 3 * species.length + " numbers");
                }
                for (int c = 0; c < forces[s].length; c++) {
                    if (!Double.isFinite(forces[s][c])) {
                        throw new IllegalArgumentException("force on atom " + c / 3 + " (" + "xyz".charAt(c % 3) + ") of geometry " + s
                                + " is not finite: " + forces[s][c]);
                    }
                }
            }
        }
    }
}
