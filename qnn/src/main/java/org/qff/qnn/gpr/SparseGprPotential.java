package org.qff.qnn.gpr;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.descriptor.AlfDescriptor;
import org.qff.qnn.descriptor.LocalFrame;
import org.qff.qnn.potential.Potential;

import java.util.Arrays;
import java.util.List;

/**
 * A trained sparse GPR potential: E(R) = Σ_i [m_i(x_i) + Σ_m k_i(x_i, z_im) w_im], forces its
 * exact negative gradient through the feature Jacobians. Same structure rules as
 * {@link GprPotential} (the model's atoms in the model's order). Thread-safe: per-call buffers.
 *
 * <p>Posterior variance ({@link #predict}) is the DTC form,
 * σ²[Σ_i (k_i(x,x) − k_iᵀK_ii⁻¹k_i) + φᵀ(K_MM + ΦᵀΛ⁻¹Φ)⁻¹φ] with φ the inducing kernel vector; it
 * needs the factor of the training system, which only the potential returned by training holds
 * (the model file stores the weights, not the (A·M)² factor).
 */
public final class SparseGprPotential implements Potential {
    private final SparseGprModel model;
    private final List<RbfKernel> kernels;
    /** [atom][inducing] → features. */
    private final double[][][] inducingFeatures;
    /** [atom][inducing] → cos and sin of each feature (used for azimuths only): the periodic kernel without trig per pair. */
    private final double[][][] inducingCos, inducingSin;
    /** [atom] → 1/ℓ² per feature, and the indices of azimuth and of ordinary features. */
    private final double[][] inverseSquaredLengths;
    private final int[][] azimuths, ordinary;
    private final JitteredCholesky systemFactor;
    private volatile JitteredCholesky[] inducingFactors;

    public SparseGprPotential(SparseGprModel model) {
        this(model, null);
    }

    SparseGprPotential(SparseGprModel model, JitteredCholesky systemFactor) {
        this.model = model;
        this.kernels = model.kernels();
        int n = model.atomCount(), m = model.inducingCount();
        double[][] pos = model.inducingPositions();
        inducingFeatures = new double[n][m][];
        for (int q = 0; q < m; q++) {
            for (int i = 0; i < n; i++) {
                LocalFrame f = model.frames().get(i);
                inducingFeatures[i][q] = new double[f.dimension()];
                try {
                    AlfDescriptor.compute(pos[q], f, inducingFeatures[i][q], null);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("inducing geometry " + q + ": " + e.getMessage(), e);
                }
            }
        }
        inducingCos = new double[n][m][];
        inducingSin = new double[n][m][];
        inverseSquaredLengths = new double[n][];
        azimuths = new int[n][];
        ordinary = new int[n][];
        double[][] ls = model.lengthScales();
        for (int i = 0; i < n; i++) {
            int d = model.frames().get(i).dimension();
            inverseSquaredLengths[i] = new double[d];
            for (int k = 0; k < d; k++) inverseSquaredLengths[i][k] = 1 / (ls[i][k] * ls[i][k]);
            azimuths[i] = java.util.stream.IntStream.range(0, d).filter(LocalFrame::isAzimuth).toArray();
            ordinary[i] = java.util.stream.IntStream.range(0, d).filter(k -> !LocalFrame.isAzimuth(k)).toArray();
            for (int q = 0; q < m; q++) {
                inducingCos[i][q] = new double[d];
                inducingSin[i][q] = new double[d];
                for (int k : azimuths[i]) {
                    inducingCos[i][q][k] = Math.cos(inducingFeatures[i][q][k]);
                    inducingSin[i][q][k] = Math.sin(inducingFeatures[i][q][k]);
                }
            }
        }
        this.systemFactor = systemFactor;
    }

    /**
     * The kernel of {@link RbfKernel#derivatives} (a filled, b not), with cos(x − z) and sin(x − z)
     * from the angle-difference identities instead of trigonometric calls per pair (MD spends its
     * time here). {@code cx}, {@code sx}: cos and sin of the query's azimuths.
     */
    private double kernel(int atom, int q, double[] x, double[] cx, double[] sx, double[] a) {
        double[] w = inverseSquaredLengths[atom], z = inducingFeatures[atom][q], cz = inducingCos[atom][q], sz = inducingSin[atom][q];
        double sum = 0;
        for (int k : ordinary[atom]) {
            double d = x[k] - z[k];
            sum += d * d * w[k];
            a[k] = d * w[k];
        }
        for (int k : azimuths[atom]) {
            double c = cx[k] * cz[k] + sx[k] * sz[k];
            double s = sx[k] * cz[k] - cx[k] * sz[k];
            sum += 2 * (1 - c) * w[k];
            a[k] = s * w[k];
        }
        return Math.exp(-0.5 * sum);
    }

    public SparseGprModel model() { return model; }

    @Override
    public double compute(Structure s, double[] forces, double[] atomEnergies) {
        checkStructure(s);
        int n = model.atomCount(), n3 = 3 * n, mInd = model.inducingCount();
        GprInputChecks.outputArrays(n, forces, atomEnergies);
        double[] pos = s.positions();
        double[] w = model.weightsView();
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
            double[] a = new double[d], cx = new double[d], sx = new double[d];
            for (int k : azimuths[i]) {
                cx[k] = Math.cos(x[k]);
                sx[k] = Math.sin(x[k]);
            }
            for (int q = 0; q < mInd; q++) {
                double wq = w[i * mInd + q];
                double k = kernel(i, q, x, cx, sx, a);
                e += k * wq;
                if (grad != null) {
                    double kw = k * wq;
                    for (int f = 0; f < d; f++) grad[f] -= kw * a[f];   // ∂k/∂x = −k a
                }
            }
            energy += e;
            if (atomEnergies != null) atomEnergies[i] = e;
            if (forces != null) {
                for (int f = 0; f < d; f++) {
                    double g = grad[f];
                    if (g == 0) continue;
                    for (int c = 0; c < n3; c++) forces[c] -= g * jac[f * n3 + c];
                }
            }
        }
        return energy;
    }

    /** Whether {@link #predict} can give variances (true for the potential returned by training). */
    public boolean hasVariance() { return systemFactor != null; }

    /** Energy with its DTC posterior variance (eV², latent, without noise). */
    public GprPrediction predict(Structure s) {
        if (systemFactor == null) {
            throw new IllegalStateException("variances of a sparse GPR model need the factor of its " + model.atomCount() * model.inducingCount()
                    + "² training system, which the model file does not store; use the potential returned by SparseGprTrainer.train");
        }
        double energy = energy(s);
        int n = model.atomCount(), mInd = model.inducingCount();
        double[] pos = s.positions();
        JitteredCholesky[] kf = inducingFactors();
        double[] phi = new double[n * mInd];
        double residualPrior = 0;
        for (int i = 0; i < n; i++) {
            double[] x = new double[model.frames().get(i).dimension()];
            AlfDescriptor.compute(pos, model.frames().get(i), x, null);
            double[] ki = new double[mInd];
            for (int q = 0; q < mInd; q++) ki[q] = kernels.get(i).value(x, inducingFeatures[i][q]);
            System.arraycopy(ki, 0, phi, i * mInd, mInd);
            kf[i].solveLowerInPlace(ki);
            double explained = 0;
            for (double v : ki) explained += v * v;
            residualPrior += Math.max(0, 1 - explained);
        }
        systemFactor.solveLowerInPlace(phi);
        double sor = 0;
        for (double v : phi) sor += v * v;
        return new GprPrediction(energy, model.signalVariance() * (residualPrior + sor));
    }

    private JitteredCholesky[] inducingFactors() {
        JitteredCholesky[] f = inducingFactors;
        if (f != null) return f;
        int n = model.atomCount(), m = model.inducingCount();
        f = SparseGprTrainer.inducingCovariance(kernels, inducingFeatures, new org.ejml.data.DMatrixRMaj(n * m, n * m));
        inducingFactors = f;
        return f;
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
        return "gpr-sparse-" + model.priorMean().kind().fileName();
    }
}
