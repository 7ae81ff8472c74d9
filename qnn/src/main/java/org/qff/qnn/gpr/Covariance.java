package org.qff.qnn.gpr;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Covariances of total energies and energy gradients under E(R) = Σ_i E_i(x_i(R)), each E_i an
 * independent GP with unit-variance kernel k_i over atom i's features. With J = ∂x_i/∂R and
 * a, b from {@link RbfKernel#derivatives}:
 * cov(E_s, E_t) = Σ_i k; cov(E_s, ∇E_t) = Σ_i k J_tᵀa; cov(∇E_s, E_t) = −Σ_i k J_sᵀa;
 * cov(∇E_s, ∇E_t) = Σ_i k (J_sᵀ diag(b) J_t − (J_sᵀa)(J_tᵀa)ᵀ).
 *
 * <p>Observation order: per geometry s, its energy then (with forces) the 3N gradient components.
 */
final class Covariance {
    private Covariance() {}

    static int observationsPerFrame(int atoms, boolean withForces) {
        return withForces ? 1 + 3 * atoms : 1;
    }

    /** K0 + diag(noise): the unit-variance training covariance with relative noise variances added. */
    static DMatrixRMaj training(List<RbfKernel> kernels, DescriptorSet ds, boolean withForces, double energyNoise, double forceNoise) {
        int atoms = ds.atomCount, n3 = 3 * atoms;
        int per = observationsPerFrame(atoms, withForces);
        int n = ds.frameCount * per;
        DMatrixRMaj cov = new DMatrixRMaj(n, n);
        double[] data = cov.data;
        int maxD = 0;
        for (int d : ds.dimensions) maxD = Math.max(maxD, d);
        double[] a = new double[maxD], b = new double[maxD];
        double[] us = new double[n3], ut = new double[n3];
        for (int s = 0; s < ds.frameCount; s++) {
            for (int t = s; t < ds.frameCount; t++) {
                int rs = s * per, ct = t * per;
                for (int i = 0; i < atoms; i++) {
                    RbfKernel kern = kernels.get(i);
                    double k = kern.derivatives(ds.features[s][i], 0, ds.features[t][i], 0, a, b);
                    data[rs * n + ct] += k;
                    if (!withForces) continue;
                    int[][] cs = ds.nonZeroColumns(s, i), ctc = ds.nonZeroColumns(t, i);
                    double[][] vs = ds.nonZeroValues(s, i), vt = ds.nonZeroValues(t, i);
                    java.util.Arrays.fill(us, 0);
                    java.util.Arrays.fill(ut, 0);
                    int d = ds.dimensions[i];
                    for (int f = 0; f < d; f++) {
                        for (int q = 0; q < cs[f].length; q++) us[cs[f][q]] += vs[f][q] * a[f];
                        for (int q = 0; q < ctc[f].length; q++) ut[ctc[f][q]] += vt[f][q] * a[f];
                    }
                    for (int m = 0; m < n3; m++) {
                        data[rs * n + ct + 1 + m] += k * ut[m];
                        data[(rs + 1 + m) * n + ct] -= k * us[m];
                    }
                    // k J_sᵀ diag(b) J_t, over the non-zero entries only
                    for (int f = 0; f < d; f++) {
                        int[] colS = cs[f], colT = ctc[f];
                        double[] valS = vs[f], valT = vt[f];
                        double kb = k * b[f];
                        for (int q = 0; q < colS.length; q++) {
                            double c = kb * valS[q];
                            int rowOff = (rs + 1 + colS[q]) * n + ct + 1;
                            for (int r = 0; r < colT.length; r++) data[rowOff + colT[r]] += c * valT[r];
                        }
                    }
                    for (int m = 0; m < n3; m++) {
                        double c = k * us[m];
                        if (c == 0) continue;
                        int rowOff = (rs + 1 + m) * n + ct + 1;
                        for (int q = 0; q < n3; q++) data[rowOff + q] -= c * ut[q];
                    }
                }
                if (t != s) {
                    for (int p = 0; p < per; p++) for (int q = 0; q < per; q++) data[(ct + q) * n + rs + p] = data[(rs + p) * n + ct + q];
                } else {
                    // the diagonal block is symmetric in exact arithmetic; make it so in floating point
                    for (int p = 0; p < per; p++) {
                        for (int q = 0; q < p; q++) {
                            double v = 0.5 * (data[(rs + p) * n + rs + q] + data[(rs + q) * n + rs + p]);
                            data[(rs + p) * n + rs + q] = v;
                            data[(rs + q) * n + rs + p] = v;
                        }
                    }
                }
            }
        }
        for (int s = 0; s < ds.frameCount; s++) {
            data[(s * per) * n + s * per] += energyNoise;
            if (withForces) for (int m = 1; m < per; m++) data[(s * per + m) * n + s * per + m] += forceNoise;
        }
        return cov;
    }

    /**
     * cov(E*, observations) for a query geometry with per-atom features {@code query} (unit variance).
     */
    static double[] energyColumn(List<RbfKernel> kernels, DescriptorSet train, boolean withForces, double[][] query) {
        int atoms = train.atomCount, n3 = 3 * atoms;
        int per = observationsPerFrame(atoms, withForces);
        double[] col = new double[train.frameCount * per];
        int maxD = 0;
        for (int d : train.dimensions) maxD = Math.max(maxD, d);
        double[] a = new double[maxD];
        for (int t = 0; t < train.frameCount; t++) {
            for (int i = 0; i < atoms; i++) {
                double k = kernels.get(i).derivatives(query[i], 0, train.features[t][i], 0, a, null);
                col[t * per] += k;
                if (!withForces) continue;
                int[][] c = train.nonZeroColumns(t, i);
                double[][] v = train.nonZeroValues(t, i);
                for (int f = 0; f < train.dimensions[i]; f++) {
                    double ka = k * a[f];
                    for (int q = 0; q < c[f].length; q++) col[t * per + 1 + c[f][q]] += ka * v[f][q];
                }
            }
        }
        assert n3 == per - 1 || !withForces;
        return col;
    }
}
