package org.qff.qnn.gpr;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Fits a {@link PriorMean} to training energies and forces. Constant kinds take the mean (or the
 * maximum plus the margin) of the energies. Linear and quadratic kinds solve one ridge-regularised
 * least-squares problem over energies and energy gradients together (the ridge, relative to the mean
 * diagonal of the normal matrix, acts on the feature coefficients, not on the constant); shifted-high
 * variants then add the largest training residual plus the margin, so the mean lies at least
 * {@code margin} above every training energy.
 */
final class PriorMeanFitter {
    private PriorMeanFitter() {}

    /** Standardisation scales are at least this (Å or rad), so an (almost) constant feature cannot blow up. */
    private static final double MIN_SCALE = 1e-3;

    /**
     * @param gradients per frame −forces (3N), or null to fit energies alone
     */
    static PriorMean fit(PriorMeanKind kind, double margin, double ridge, DescriptorSet ds, double[] energies, double[][] gradients) {
        if (!(margin >= 0) || !Double.isFinite(margin)) throw new IllegalArgumentException("shift margin must be a finite number ≥ 0 eV, got " + margin);
        int atoms = ds.atomCount;
        double[][] centres = new double[atoms][], scales = new double[atoms][], coef = new double[atoms][];
        for (int i = 0; i < atoms; i++) {
            int d = ds.dimensions[i];
            centres[i] = new double[d];
            scales[i] = new double[d];
            for (int k = 0; k < d; k++) {
                boolean az = ds.frames.get(i).isPeriodic(k);
                centres[i][k] = az ? 0 : ds.mean(i, k);
                scales[i][k] = az ? 1 : Math.max(MIN_SCALE, ds.spread(i, k));
            }
            coef[i] = new double[PriorMean.basisSize(ds.coordinates(), d, kind.order())];
        }
        double usedMargin = kind.shiftedHigh() ? margin : 0;
        if (kind.order() < 0) return new PriorMean(kind, 0, 0, centres, scales, coef, ds.coordinates());
        if (kind.order() == 0) {
            double c = kind.shiftedHigh() ? max(energies) + margin : mean(energies);
            return new PriorMean(kind, usedMargin, c, centres, scales, coef, ds.coordinates());
        }
        double constant = solveLeastSquares(kind.order(), ridge, ds, energies, gradients, centres, scales, coef);
        PriorMean fitted = new PriorMean(kind, usedMargin, constant, centres, scales, coef, ds.coordinates());
        if (!kind.shiftedHigh()) return fitted;
        double worst = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < ds.frameCount; s++) {
            double m = 0;
            for (int i = 0; i < atoms; i++) m += fitted.atomValue(i, ds.features[s][i], null);
            worst = Math.max(worst, energies[s] - m);
        }
        return new PriorMean(kind, usedMargin, constant + worst + margin, centres, scales, coef, ds.coordinates());
    }

    /** Fills the coefficients; returns the total constant. */
    private static double solveLeastSquares(int order, double ridge, DescriptorSet ds, double[] energies, double[][] gradients,
                                            double[][] centres, double[][] scales, double[][] coef) {
        int atoms = ds.atomCount;
        int[] offset = new int[atoms + 1];
        offset[0] = 1;
        for (int i = 0; i < atoms; i++) offset[i + 1] = offset[i] + coef[i].length;
        int p = offset[atoms];
        int n3 = 3 * atoms;
        DMatrixRMaj normal = new DMatrixRMaj(p, p);
        double[] rhs = new double[p];
        double[] row = new double[p];
        DMatrixRMaj g = gradients != null ? new DMatrixRMaj(n3, p) : null;
        for (int s = 0; s < ds.frameCount; s++) {
            java.util.Arrays.fill(row, 0);
            row[0] = 1;
            if (g != null) g.zero();
            for (int i = 0; i < atoms; i++) {
                int b = coef[i].length;
                double[] phi = new double[b], dphi = new double[b];
                PriorMean.basis(ds.coordinates(), order, ds.features[s][i], centres[i], scales[i], phi, dphi);
                System.arraycopy(phi, 0, row, offset[i], b);
                if (g == null) continue;
                double[] jac = ds.jacobians[s][i];
                for (int c = 0; c < b; c++) {
                    int k = PriorMean.featureOf(ds.coordinates(), ds.dimensions[i], order, c);
                    for (int m = 0; m < n3; m++) {
                        double v = jac[k * n3 + m];
                        if (v != 0) g.data[m * p + offset[i] + c] += dphi[c] * v;
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                if (row[a] == 0) continue;
                rhs[a] += row[a] * energies[s];
                for (int b = 0; b < p; b++) normal.data[a * p + b] += row[a] * row[b];
            }
            if (g != null) {
                CommonOps_DDRM.multAddTransA(g, g, normal);
                for (int m = 0; m < n3; m++) {
                    double y = gradients[s][m];
                    for (int a = 0; a < p; a++) rhs[a] += g.data[m * p + a] * y;
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < p; a++) trace += normal.get(a, a);
        for (int a = 1; a < p; a++) normal.add(a, a, ridge * trace / p);
        normal.add(0, 0, 1e-12 * trace / p);
        JitteredCholesky chol = JitteredCholesky.factor(normal, "prior-mean normal matrix", true);
        chol.solveInPlace(rhs);
        for (int i = 0; i < atoms; i++) System.arraycopy(rhs, offset[i], coef[i], 0, coef[i].length);
        return rhs[0];
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }
}
