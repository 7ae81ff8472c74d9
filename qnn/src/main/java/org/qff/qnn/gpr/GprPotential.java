package org.qff.qnn.gpr;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.descriptor.AlfDescriptor;
import org.qff.qnn.descriptor.LocalFrame;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained Gaussian-process potential for one molecule (fixed atom order, FFLUX style).
 * E(R) = Σ_i E_i(x_i(R)), E_i = m_i + posterior-mean correction of atom i's GP; per-atom energies
 * are the E_i; forces are −Σ_i J_iᵀ ∂E_i/∂x_i, exact derivatives of the energy.
 *
 * <p>Structures must list the model's atoms in the model's order (the species of atom k must be the
 * species of model atom k). Thread-safe: evaluation uses per-call buffers; the covariance factor
 * needed for variances is built once, lazily, under a lock.
 */
public final class GprPotential implements Potential {
    /** The model-file type this class reads. */
    public static final String TYPE = "gpr";

    static {
        Potentials.registerModelType(TYPE, GprModelFile::fromJson);
    }

    /** Makes sure the "gpr" model-file type is registered with {@link Potentials} (idempotent). */
    public static void register() {
        // the static initialiser has run by the time this body executes
    }

    private final GprModel model;
    private final List<RbfKernel> kernels;
    private final DescriptorSet training;
    private final int per;
    private final double[] weights;
    /** [atom][frame·D + k]: the gradient weights mapped to feature space, J_i(t) · w_g(t). */
    private final double[][] featureWeights;
    private volatile JitteredCholesky factor;

    public GprPotential(GprModel model) {
        this(model, null);
    }

    GprPotential(GprModel model, JitteredCholesky factor) {
        this.model = model;
        int n = model.atomCount();
        List<RbfKernel> ks = new ArrayList<>(n);
        double[][] ls = model.lengthScales();
        for (int i = 0; i < n; i++) {
            int d = model.frames().get(i).dimension();
            boolean[] periodic = new boolean[d];
            for (int k = 0; k < d; k++) periodic[k] = model.frames().get(i).isPeriodic(k);
            ks.add(new RbfKernel(ls[i], periodic));
        }
        this.kernels = List.copyOf(ks);
        this.training = new DescriptorSet(model.trainingPositions(), model.frames(), model.withForces());
        this.per = Covariance.observationsPerFrame(n, model.withForces());
        double[] w = model.weights();
        this.weights = w;
        featureWeights = new double[n][];
        for (int i = 0; i < n; i++) {
            int d = training.dimensions[i];
            featureWeights[i] = new double[training.frameCount * d];
            if (!model.withForces()) continue;
            for (int t = 0; t < training.frameCount; t++) {
                double[] jac = training.jacobians[t][i];
                for (int k = 0; k < d; k++) {
                    double s = 0;
                    for (int m = 0; m < 3 * n; m++) s += jac[k * 3 * n + m] * w[t * per + 1 + m];
                    featureWeights[i][t * d + k] = s;
                }
            }
        }
        this.factor = factor;
    }

    public GprModel model() { return model; }

    @Override
    public double compute(Structure s, double[] forces, double[] atomEnergies) {
        checkStructure(s);
        int n = model.atomCount(), n3 = 3 * n;
        GprInputChecks.outputArrays(n, forces, atomEnergies);
        double[] pos = s.positions();
        double[] w = weights;
        PriorMean mean = model.priorMean();
        if (forces != null) Arrays.fill(forces, 0, n3, 0.0);
        double energy = 0;
        for (int i = 0; i < n; i++) {
            LocalFrame frame = model.frames().get(i);
            int d = frame.dimension();
            double[] x = new double[d];
            double[] jac = forces != null ? new double[d * n3] : null;
            AlfDescriptor.compute(pos, frame, x, jac);
            double[] grad = forces != null ? new double[d] : null;
            double e = mean.atomValue(i, x, grad);
            double[] a = new double[d], b = forces != null ? new double[d] : null;
            double[] beta = featureWeights[i];
            RbfKernel kern = kernels.get(i);
            for (int t = 0; t < training.frameCount; t++) {
                double k = kern.derivatives(x, 0, training.features[t][i], 0, a, b);
                double we = w[t * per];
                double ab = 0;
                if (model.withForces()) for (int f = 0; f < d; f++) ab += a[f] * beta[t * d + f];
                e += k * (we + ab);
                if (grad != null) {
                    // ∂k/∂x = −k a;  ∂(k a·β)/∂x = k (b∘β − a (a·β))
                    for (int f = 0; f < d; f++) {
                        double bb = model.withForces() ? b[f] * beta[t * d + f] : 0;
                        grad[f] += k * (-a[f] * we + bb - a[f] * ab);
                    }
                }
            }
            energy += e;
            if (atomEnergies != null) atomEnergies[i] = e;
            if (forces != null) {
                for (int f = 0; f < d; f++) {
                    double g = grad[f];
                    if (g == 0) continue;
                    for (int m = 0; m < n3; m++) forces[m] -= g * jac[f * n3 + m];
                }
            }
        }
        return energy;
    }

    /** Energy with its posterior variance. */
    public GprPrediction predict(Structure s) {
        double energy = energy(s);
        int n = model.atomCount();
        double[] pos = s.positions();
        double[][] query = new double[n][];
        for (int i = 0; i < n; i++) {
            query[i] = new double[model.frames().get(i).dimension()];
            AlfDescriptor.compute(pos, model.frames().get(i), query[i], null);
        }
        double[] col = Covariance.energyColumn(kernels, training, model.withForces(), query);
        double[] v = col.clone();
        covarianceFactor().solveLowerInPlace(v);
        double explained = 0;
        for (double x : v) explained += x * x;
        double variance = model.signalVariance() * Math.max(0, n - explained);
        return new GprPrediction(energy, variance);
    }

    private JitteredCholesky covarianceFactor() {
        JitteredCholesky f = factor;
        if (f != null) return f;
        synchronized (this) {
            if (factor == null) {
                var cov = Covariance.training(kernels, training, model.withForces(), model.energyNoise() + model.jitter(),
                        model.forceNoise() + model.jitter());
                factor = JitteredCholesky.factor(cov, "GPR training covariance", true);
            }
            return factor;
        }
    }

    private void checkStructure(Structure s) {
        GprInputChecks.structure(s, model.species(), name());
    }

    @Override
    public boolean covers(int atomicNumber) {
        return GprInputChecks.covers(model.species(), atomicNumber);
    }

    @Override
    public String name() {
        return "gpr-" + model.priorMean().kind().fileName();
    }
}
