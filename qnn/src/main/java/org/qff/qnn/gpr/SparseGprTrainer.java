package org.qff.qnn.gpr;

import org.ejml.data.DMatrixRMaj;
import org.qff.qnn.atoms.Structure;

import java.util.List;

/**
 * Trains a sparse GPR potential on many geometries with energies and forces (GAP-style
 * subset-of-regressors, also called the projected-process mean). Per atom the same GP as the dense
 * model, f_i(x) = Σ_m k_i(x, z_im) w_im + m_i(x), with inducing points z_im = atom i's features at M
 * evenly spaced training geometries. With Φ the design matrix (rows: each energy observation, Σ_i
 * k_i(x_si, z_im); each gradient component, the same pushed through the feature Jacobians), Λ the
 * relative noise and K_MM the block-diagonal inducing covariance,
 * (K_MM + ΦᵀΛ⁻¹Φ) w = ΦᵀΛ⁻¹(y − m), solved by Cholesky (EJML, jitter with a warning if needed).
 *
 * <p>Hyperparameters (length scales, noise scale) and the prior mean come from exactly the same
 * steps as the dense model ({@link GprTrainer#prepare}: the likelihood search runs on the dense
 * derivative GP over {@code hyperparameterFrames} evenly spaced geometries) and are then fixed for
 * the sparse solve. σ² is the profiled maximum-likelihood value under the sparse model
 * (yᵀ(ΦK_MM⁻¹Φᵀ + Λ)⁻¹y / n by the Woodbury identity); it sets the variance scale only.
 *
 * <p>Cost: the normal matrix is (A·M)² (A atoms), built in N·(1+3A)·(A·M)²/2 multiply-adds; memory
 * about five (A·M)² double matrices plus the training Jacobians, checked before any work.
 */
public final class SparseGprTrainer {
    private SparseGprTrainer() {}

    private static final System.Logger LOG = System.getLogger("org.qff.qnn.gpr");
    /** Observation rows per chunk of Φᵀ (a chunk is whole geometries): keeps the chunk in cache for the Gram update. */
    private static final int CHUNK_ROWS = 256;

    /**
     * @param inducing M, the number of inducing geometries: 1 ≤ M ≤ number of training geometries
     * @throws IllegalArgumentException naming the offending value (M, geometry, atom) or the sizes that would not fit in memory
     */
    public static SparseGprPotential train(Structure[] structures, double[] energies, double[][] forces, GprOptions options, int inducing) {
        GprTrainer.check(structures, energies, forces, options);
        int n = structures.length, atoms = structures[0].size();
        if (inducing < 1 || inducing > n) {
            throw new IllegalArgumentException("inducing-point count M = " + inducing + " must be between 1 and the " + n + " training geometries");
        }
        checkMemory(n, atoms, inducing, options.useForces(), structures[0]);
        long t0 = System.nanoTime();
        GprTrainer.Prepared prep = GprTrainer.prepare(structures, energies, forces, options);
        if (!(prep.energyNoise() > 0) || (options.useForces() && !(prep.forceNoise() > 0))) {
            throw new IllegalArgumentException("the sparse solve needs positive noise levels, got energy " + prep.energyNoise() + ", force "
                    + prep.forceNoise() + " (relative to σ²)");
        }
        DescriptorSet ds = prep.descriptors();
        boolean withForces = options.useForces();
        int per = Covariance.observationsPerFrame(atoms, withForces);
        int[] chosen = evenlySpaced(n, inducing);
        double[][] inducingPositions = new double[inducing][];
        for (int m = 0; m < inducing; m++) inducingPositions[m] = prep.positions()[chosen[m]];
        double[][][] z = new double[atoms][inducing][];
        for (int i = 0; i < atoms; i++) for (int m = 0; m < inducing; m++) z[i][m] = ds.features[chosen[m]][i];
        List<RbfKernel> kernels = prep.kernels();

        int p = atoms * inducing;
        DMatrixRMaj kmm = new DMatrixRMaj(p, p);
        JitteredCholesky[] inducingFactors = inducingCovariance(kernels, z, kmm);
        DMatrixRMaj gram = new DMatrixRMaj(p, p);
        double[] rhs = new double[p];
        double yWy = accumulateNormalEquations(kernels, ds, z, prep.residual(), withForces, prep.energyNoise(), prep.forceNoise(), gram, rhs);
        double[] g = gram.data;
        for (int a = 0; a < p; a++) for (int b = a + 1; b < p; b++) g[b * p + a] = g[a * p + b];
        long t1 = System.nanoTime();
        NoiseFloor solved = solve(kmm, gram, prep.energyNoise(), withForces ? prep.forceNoise() : prep.energyNoise(), p);
        JitteredCholesky factor = solved.factor();
        double c = solved.noiseFactor();
        double energyNoise = prep.energyNoise() * c, forceNoise = prep.forceNoise() * c;
        for (int k = 0; k < p; k++) rhs[k] /= c;
        yWy /= c;
        double[] weights = rhs.clone();
        factor.solveInPlace(weights);

        // profiled likelihood of the SoR model: yᵀ(Q + Λ)⁻¹y = yᵀΛ⁻¹y − bᵀA⁻¹b, log det(Q + Λ) = log det A − log det K_MM + log det Λ
        int obs = n * per;
        double quad = yWy;
        for (int k = 0; k < p; k++) quad -= rhs[k] * weights[k];
        double logDetK = 0;
        for (JitteredCholesky f : inducingFactors) logDetK += f.logDeterminant();
        double logDetNoise = n * Math.log(energyNoise) + (withForces ? (double) n * 3 * atoms * Math.log(forceNoise) : 0);
        double logDet = factor.logDeterminant() - logDetK + logDetNoise;
        double sigma2 = Math.max(quad / obs, Double.MIN_NORMAL);
        double logMl = GprTrainer.profiledLogLikelihood(Math.max(quad, Double.MIN_NORMAL), logDet, obs);
        long t2 = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, () -> String.format("sparse GPR: %d geometries (%d observations), M = %d inducing geometries, system %d²;"
                + " normal equations %.1f s, solve %.1f s; σ² = %.4g eV², log ML = %.6g", n, obs, inducing, p, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9,
                sigma2, logMl));
        SparseGprModel model = new SparseGprModel(structures[0].atomicNumbers(), prep.frames(), prep.lengthScales(), prep.hyper().factors(),
                sigma2, energyNoise, forceNoise, factor.jitter(), withForces, n, inducingPositions, weights, prep.mean(), logMl);
        return new SparseGprPotential(model, factor);
    }

    private record NoiseFloor(JitteredCholesky factor, double noiseFactor) {}

    /**
     * Factors K_MM + G/c, G = ΦᵀΛ⁻¹Φ, for c = 1 and, if that is not numerically positive definite
     * (a searched relative noise of 10⁻¹² makes G ~10¹² times K_MM, whose small eigenvalues then
     * drown in rounding), for the smallest c that raises both noise levels to at least ε = 10⁻¹⁰,
     * 10⁻⁹, … 10⁻² (in units of σ², i.e. of the unit kernel's diagonal), with a warning. Raising the
     * noise is what jitter on the dense covariance's diagonal does; jitter on this system's diagonal
     * instead would be a ridge ~10¹² times the prior, so it is the last resort only.
     */
    private static NoiseFloor solve(DMatrixRMaj kmm, DMatrixRMaj gram, double energyNoise, double forceNoise, int p) {
        double smallest = Math.min(energyNoise, forceNoise);
        DMatrixRMaj trial = new DMatrixRMaj(p, p);
        for (double eps = 0; eps <= 1e-2; eps = eps == 0 ? 1e-10 : eps * 10) {
            if (eps > 0 && eps <= smallest) continue;
            double c = eps == 0 ? 1 : eps / smallest;
            double inv = 1 / c;
            for (int k = 0; k < trial.data.length; k++) trial.data[k] = kmm.data[k] + gram.data[k] * inv;
            JitteredCholesky f = JitteredCholesky.tryFactor(trial);
            if (f != null) {
                if (c != 1) {
                    LOG.log(System.Logger.Level.WARNING, String.format("sparse GPR system matrix K_MM + ΦᵀΛ⁻¹Φ (%d²) is numerically singular with the"
                            + " searched noise (energy %.3g, force %.3g × σ²); raised both noise levels by a factor %.4g to at least %.0e × σ²",
                            p, energyNoise, forceNoise, c, eps));
                }
                return new NoiseFloor(f, c);
            }
        }
        for (int k = 0; k < trial.data.length; k++) trial.data[k] = kmm.data[k] + gram.data[k];
        return new NoiseFloor(JitteredCholesky.factor(trial, "sparse GPR system matrix K_MM + ΦᵀΛ⁻¹Φ (" + p + "²)", true), 1);
    }

    /** Trains on every frame of a data set; see {@link #train(Structure[], double[], double[][], GprOptions, int)}. */
    public static SparseGprPotential train(org.qff.qnn.data.Dataset data, GprOptions options, int inducing) {
        return TrainingArrays.trainOn(data, t -> train(t.structures(), t.energies(), t.forces(), options, inducing));
    }

    /** Indices ⌊q·n/m⌋, q = 0..m−1: distinct, and all of 0..n−1 when m = n (the same spacing as the hyperparameter subset). */
    static int[] evenlySpaced(int n, int m) {
        int[] idx = new int[m];
        for (int q = 0; q < m; q++) idx[q] = (int) ((long) q * n / m);
        return idx;
    }

    /** Writes the per-atom blocks K_i(Z_i, Z_i) (both triangles) into the diagonal of {@code system} and factors each (for log det and variances). */
    static JitteredCholesky[] inducingCovariance(List<RbfKernel> kernels, double[][][] z, DMatrixRMaj system) {
        int atoms = z.length, m = z[0].length, p = atoms * m;
        JitteredCholesky[] factors = new JitteredCholesky[atoms];
        for (int i = 0; i < atoms; i++) {
            DMatrixRMaj block = new DMatrixRMaj(m, m);
            for (int a = 0; a < m; a++) {
                for (int b = a; b < m; b++) {
                    double k = kernels.get(i).value(z[i][a], z[i][b]);
                    block.set(a, b, k);
                    block.set(b, a, k);
                    system.data[(i * m + a) * p + i * m + b] = k;
                    system.data[(i * m + b) * p + i * m + a] = k;
                }
            }
            factors[i] = JitteredCholesky.factor(block, "inducing covariance of atom " + i, false);
        }
        return factors;
    }

    /**
     * Adds ΦᵀΛ⁻¹Φ (upper triangle) into {@code system} and ΦᵀΛ⁻¹y into {@code rhs}, chunk by chunk of
     * geometries; returns yᵀΛ⁻¹y. Rows are scaled by Λ^(−½), so the chunk holds (Λ^(−½)Φ)ᵀ.
     */
    static double accumulateNormalEquations(List<RbfKernel> kernels, DescriptorSet ds, double[][][] z, double[] residual, boolean withForces,
                                            double energyNoise, double forceNoise, DMatrixRMaj system, double[] rhs) {
        int atoms = ds.atomCount, m = z[0].length, p = atoms * m;
        int per = Covariance.observationsPerFrame(atoms, withForces);
        int lanes = GramAccumulator.lanes();
        int framesPerChunk = Math.max(1, CHUNK_ROWS / per);
        int r = ((framesPerChunk * per + lanes - 1) / lanes) * lanes;
        double[] t = new double[p * r];
        double[] ys = new double[r];
        double se = 1 / Math.sqrt(energyNoise), sf = withForces ? 1 / Math.sqrt(forceNoise) : 0;
        int maxD = 0;
        for (int d : ds.dimensions) maxD = Math.max(maxD, d);
        double[] a = new double[maxD];
        double yWy = 0;
        for (int s0 = 0; s0 < ds.frameCount; s0 += framesPerChunk) {
            int s1 = Math.min(ds.frameCount, s0 + framesPerChunk);
            java.util.Arrays.fill(t, 0);
            java.util.Arrays.fill(ys, 0);
            for (int s = s0; s < s1; s++) {
                int row = (s - s0) * per;
                ys[row] = residual[s * per] * se;
                if (withForces) for (int c = 1; c < per; c++) ys[row + c] = residual[s * per + c] * sf;
                for (int i = 0; i < atoms; i++) {
                    RbfKernel kern = kernels.get(i);
                    double[] x = ds.features[s][i];
                    int d = ds.dimensions[i];
                    int[][] cols = withForces ? ds.nonZeroColumns(s, i) : null;
                    double[][] vals = withForces ? ds.nonZeroValues(s, i) : null;
                    for (int q = 0; q < m; q++) {
                        double k = kern.derivatives(x, 0, z[i][q], 0, a, null);
                        int base = (i * m + q) * r + row;
                        t[base] = k * se;
                        if (!withForces) continue;
                        // ∂k/∂R = Σ_f (∂k/∂x_f) J_f = −k Σ_f a_f J_f
                        for (int f = 0; f < d; f++) {
                            double g = -k * a[f] * sf;
                            if (g == 0) continue;
                            int[] cf = cols[f];
                            double[] vf = vals[f];
                            for (int e = 0; e < cf.length; e++) t[base + 1 + cf[e]] += g * vf[e];
                        }
                    }
                }
            }
            for (int k = 0; k < r; k++) yWy += ys[k] * ys[k];
            for (int q = 0; q < p; q++) {
                double acc = 0;
                int o = q * r;
                for (int k = 0; k < r; k++) acc += t[o + k] * ys[k];
                rhs[q] += acc;
            }
            GramAccumulator.addUpper(t, p, r, system.data);
        }
        return yWy;
    }

    /**
     * K_MM, ΦᵀΛ⁻¹Φ, the trial system, its working copy and its factor are five (A·M)² double matrices; the
     * training features and Jacobians are N·Σ_i D_i·(1 + 3A) doubles (twice, with the sparse index).
     */
    private static void checkMemory(int frames, int atoms, int inducing, boolean withForces, Structure first) {
        long p = (long) atoms * inducing;
        long features = 0;
        for (var f : org.qff.qnn.descriptor.LocalFrames.choose(first)) features += f.dimension();
        long descriptorBytes = (long) frames * features * (withForces ? 1 + 3L * atoms * 2 : 1) * Double.BYTES;
        long bytes = 5 * p * p * Double.BYTES + descriptorBytes;
        long max = Runtime.getRuntime().maxMemory();
        if (p > 46_000 || bytes > 0.8 * max) {
            throw new IllegalArgumentException(String.format("sparse training with M = %d inducing geometries of %d atoms needs a %d × %d system"
                    + " (about %.1f GB with its factor and the training Jacobians) but the JVM may use %.1f GB: use fewer inducing geometries"
                    + " or a larger -Xmx", inducing, atoms, p, p, bytes / 1e9, max / 1e9));
        }
    }
}
