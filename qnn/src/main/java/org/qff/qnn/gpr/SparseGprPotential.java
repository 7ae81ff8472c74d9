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
    /** [atom] → the weighted kernel sum against its inducing points (the energy and force inner loop). */
    private final InducingKernelSum[] sums;
    private final int scratchLength;
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
        sums = new InducingKernelSum[n];
        double[][] ls = model.lengthScales();
        double[] w = model.weightsView();
        int scratch = 0;
        for (int i = 0; i < n; i++) {
            LocalFrame frame = model.frames().get(i);
            boolean[] periodic = new boolean[frame.dimension()];
            for (int k = 0; k < periodic.length; k++) periodic[k] = frame.isPeriodic(k);
            sums[i] = new InducingKernelSum(inducingFeatures[i], ls[i], periodic, java.util.Arrays.copyOfRange(w, i * m, (i + 1) * m));
            scratch = Math.max(scratch, sums[i].scratchLength());
        }
        scratchLength = scratch;
        this.systemFactor = systemFactor;
    }

    public SparseGprModel model() { return model; }

    @Override
    public double compute(Structure s, double[] forces, double[] atomEnergies) {
        checkStructure(s);
        int n = model.atomCount(), n3 = 3 * n;
        GprInputChecks.outputArrays(n, forces, atomEnergies);
        double[] pos = s.positions();
        PriorMean mean = model.priorMean();
        if (forces != null) Arrays.fill(forces, 0, n3, 0.0);
        double[] scratch = new double[scratchLength];
        double energy = 0;
        for (int i = 0; i < n; i++) {
            LocalFrame frame = model.frames().get(i);
            int d = frame.dimension();
            double[] x = new double[d];
            double[] jac = forces != null ? new double[d * n3] : null;
            AlfDescriptor.compute(pos, frame, x, jac);
            double[] grad = forces != null ? new double[d] : null;
            double e = mean.atomValue(i, x, grad) + sums[i].evaluate(x, grad, scratch);
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
