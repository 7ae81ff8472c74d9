package org.qff.qnn.gpr;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.descriptor.LocalFrame;
import org.qff.qnn.descriptor.LocalFrames;
import org.qff.qnn.testing.MorseNetwork;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The derivative-observation blocks of the training covariance against finite differences of the energy–energy covariance. */
class CovarianceTest {
    private final Structure ref = MorseNetwork.molecule();
    private final List<LocalFrame> frames = LocalFrames.choose(ref);
    private final double[][] pos = {
        MorseNetwork.samples(ref, 1, 0.08, 1)[0].positions(),
        MorseNetwork.samples(ref, 1, 0.08, 2)[0].positions()};
    private final List<RbfKernel> kernels = kernels();

    private List<RbfKernel> kernels() {
        DescriptorSet ds = new DescriptorSet(pos, frames, false);
        double[][] spreads = new double[frames.size()][];
        for (int i = 0; i < spreads.length; i++) {
            spreads[i] = new double[frames.get(i).dimension()];
            for (int k = 0; k < spreads[i].length; k++) spreads[i][k] = Math.max(0.05, ds.spread(i, k));
        }
        return GprTrainer.kernels(frames, spreads, new double[] {1.5, 0.8, 1.1});
    }

    private DMatrixRMaj cov(double[] p0, double[] p1, boolean forces) {
        return Covariance.training(kernels, new DescriptorSet(new double[][] {p0, p1}, frames, forces), forces, 0, 0);
    }

    @Test
    void gradientBlocksMatchFiniteDifferences() {
        int n3 = pos[0].length, per = 1 + n3;
        DMatrixRMaj k = cov(pos[0], pos[1], true);
        // h = 2e-6 Å central differences: truncation h²·|∂³cov| ≲ 4e-12 × O(100) scaled by the block's largest
        // entry, rounding ~1e-16·max|cov|/h ~ 5e-11·max|cov|: tolerance 1e-8·max|cov|, far below any wrong term
        double h = 2e-6;
        scale = org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(k);
        for (int m = 0; m < n3; m++) {
            double[] plus = pos[1].clone(), minus = pos[1].clone();
            plus[m] += h;
            minus[m] -= h;
            DMatrixRMaj kp = cov(pos[0], plus, true), km = cov(pos[0], minus, true);
            // cov(E_0, ∂E_1/∂R_m) = ∂/∂R_1m cov(E_0, E_1)
            assertEquals((kp.get(0, per) - km.get(0, per)) / (2 * h), k.get(0, per + 1 + m), tol(k.get(0, per + 1 + m)), "cov(E0, g1_" + m + ")");
            for (int q = 0; q < n3; q++) {
                // cov(∂E_0/∂R_q, ∂E_1/∂R_m) = ∂/∂R_1m cov(∂E_0/∂R_q, E_1)
                assertEquals((kp.get(1 + q, per) - km.get(1 + q, per)) / (2 * h), k.get(1 + q, per + 1 + m), tol(k.get(1 + q, per + 1 + m)),
                        "cov(g0_" + q + ", g1_" + m + ")");
            }
        }
        for (int q = 0; q < n3; q++) {
            double[] plus = pos[0].clone(), minus = pos[0].clone();
            plus[q] += h;
            minus[q] -= h;
            // cov(∂E_0/∂R_q, E_1) = ∂/∂R_0q cov(E_0, E_1) (checked against the energy-only matrix: independent code path)
            double fd = (cov(plus, pos[1], false).get(0, 1) - cov(minus, pos[1], false).get(0, 1)) / (2 * h);
            assertEquals(fd, k.get(1 + q, per), tol(k.get(1 + q, per)), "cov(g0_" + q + ", E1)");
        }
    }

    private double scale;

    private double tol(double value) {
        return 1e-8 * scale + 1e-10;
    }

    @Test
    void matrixIsSymmetricAndPositiveDefinite() {
        DMatrixRMaj k = cov(pos[0], pos[1], true);
        for (int r = 0; r < k.numRows; r++) for (int c = 0; c < r; c++) assertEquals(k.get(r, c), k.get(c, r), 0.0);
        double[] pert = pos[0].clone();
        // energy-only diagonal is the number of atoms (unit-variance kernel per atom)
        assertEquals(frames.size(), cov(pos[0], pert, false).get(0, 0), 1e-14);
        // Gradients of an invariant energy obey 6 linear constraints (zero net force and torque), so the
        // noise-free gradient block is singular by construction; a small force noise makes it definite.
        DMatrixRMaj noisy = Covariance.training(kernels, new DescriptorSet(pos, frames, true), true, 0, 1e-8);
        JitteredCholesky chol = JitteredCholesky.factor(noisy, "test covariance", false);
        assertEquals(0.0, chol.jitter());
        double[] translation = new double[k.numRows];
        for (int a = 0; a < frames.size(); a++) translation[1 + 3 * a] = 1; // Σ_a ∂E/∂x_a of geometry 0
        for (int r = 0; r < k.numRows; r++) {
            double s = 0;
            for (int c = 0; c < k.numCols; c++) s += k.get(r, c) * translation[c];
            assertEquals(0, s, 1e-12, "K · (uniform x translation) row " + r);
        }
    }
}
