package org.qff.qnn.gpr;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.descriptor.LocalFrames;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;
import org.qff.qnn.testing.MorseNetwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SparseGprTest {
    static final Structure REF = MorseNetwork.molecule();
    static final MorseNetwork TRUTH = new MorseNetwork(REF);
    static final int N = 14;
    static Structure[] train;
    static double[] energies;
    static double[][] forces;
    /** M = 8 of 14 geometries, energies and forces, quadratic mean, fixed hyperparameters (the search is GprTrainer's, tested there). */
    static SparseGprPotential model;

    @BeforeAll
    static void trainModel() {
        train = MorseNetwork.samples(REF, N, 0.06, 21);
        energies = new double[N];
        forces = new double[N][];
        for (int s = 0; s < N; s++) {
            forces[s] = new double[3 * REF.size()];
            energies[s] = TRUTH.compute(train[s], forces[s], null);
        }
        model = SparseGprTrainer.train(train, energies, forces,
                GprOptions.defaults().withPriorMean(PriorMeanKind.QUADRATIC).withLengthScale(1.5).withNoise(1e-4, 1e-4), 8);
    }

    private static Structure offData(long seed) {
        return MorseNetwork.samples(REF, 1, 0.05, seed)[0];
    }

    @Test
    void withEnergiesAloneAndEveryGeometryInducingItIsTheDensePosteriorMean() {
        // With inducing points = all training inputs, u_i = f_i there, so the SoR covariance of the
        // training energies Σ_i K_i K_i⁻¹ K_i equals the exact one and the cross-covariance to a test
        // point is exact: the SoR mean is the exact GP mean, not an approximation. (With forces it is
        // not: the inducing set holds values, not derivatives, of the atomic GPs.) Same fixed
        // hyperparameters and noise on both sides.
        GprOptions o = GprOptions.defaults().withUseForces(false).withPriorMean(PriorMeanKind.CONSTANT).withLengthScale(1.5).withNoise(1e-5, 1e-5);
        GprPotential dense = GprTrainer.train(train, energies, null, o);
        SparseGprPotential sparse = SparseGprTrainer.train(train, energies, null, o, N);
        assertEquals(0.0, dense.model().jitter());
        assertEquals(0.0, sparse.model().jitter());
        double worst = 0, scale = 0;
        for (long seed = 200; seed < 205; seed++) {
            Structure s = offData(seed);
            double ed = dense.energy(s), es = sparse.energy(s);
            worst = Math.max(worst, Math.abs(ed - es));
            scale = Math.max(scale, Math.abs(ed - dense.model().priorMean().constant()));
            assertArrayEquals(dense.forces(s), sparse.forces(s), 1e-6, "forces at seed " + seed);
        }
        // The two solves differ in rounding only, amplified by the conditioning of the per-atom
        // kernel blocks K_i (the sparse path solves with K + K K_i⁻¹-like terms): ~1e8 × 1e-16
        // relative to the posterior correction, ≈ 0.1 eV here, gives ~1e-9 eV; 1e-7 eV leaves room
        // and is still 10⁶ below the correction itself.
        assertTrue(scale > 1e-3, "the posterior correction is not vacuous: " + scale);
        assertEquals(0, worst, 1e-7, "largest energy difference dense vs sparse");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(org.qff.qnn.descriptor.AlfCoordinates.class)
    void forcesAreMinusFiniteDifferenceEnergies(org.qff.qnn.descriptor.AlfCoordinates coordinates) {
        SparseGprPotential model = coordinates == org.qff.qnn.descriptor.AlfCoordinates.DEFAULT ? SparseGprTest.model
                : SparseGprTrainer.train(train, energies, forces, GprOptions.defaults().withPriorMean(PriorMeanKind.QUADRATIC)
                        .withLengthScale(1.5).withNoise(1e-4, 1e-4).withCoordinates(coordinates), 8);
        assertEquals(coordinates, model.model().frames().get(0).coordinates());
        Structure s = offData(99);
        double[] f = model.forces(s);
        double[] p = s.positions();
        // h = 1e-5 Å: truncation h²·|E'''| ~ 1e-8 eV/Å, rounding 1e-16·|E|/h ~ 1e-10 eV/Å
        double h = 1e-5;
        double largest = 0;
        for (int m = 0; m < p.length; m++) {
            double[] plus = p.clone(), minus = p.clone();
            plus[m] += h;
            minus[m] -= h;
            double fd = -(model.energy(s.withPositions(plus)) - model.energy(s.withPositions(minus))) / (2 * h);
            assertEquals(fd, f[m], 1e-6, "force component " + m);
            largest = Math.max(largest, Math.abs(f[m]));
        }
        assertTrue(largest > 1e-2, "forces are not vacuous: " + largest);
        double[] atomE = new double[s.size()];
        double e = model.compute(s, null, atomE);
        double sum = 0;
        for (double x : atomE) sum += x;
        assertEquals(e, sum, 1e-10 * Math.abs(e));
    }

    @Test
    void gradientRowsOfTheDesignMatrixAreDerivativesOfItsEnergyRows() {
        // Φ's gradient rows (what the solve fits to −forces) against central differences of its
        // energy row, read off the normal-equation right-hand side ΦᵀΛ⁻¹y with y a unit vector.
        Structure g = train[3];
        var frames = LocalFrames.choose(train[0]);
        var kernels = GprTrainer.kernels(frames, spreads(frames), new double[] {1.2, 0.8, 1.5});
        double[][][] z = inducing(frames, 4);
        int per = 1 + 3 * REF.size();
        double[] p = g.positions();
        double h = 1e-5;
        for (int c = 0; c < 3 * REF.size(); c++) {
            double[] analytic = row(kernels, frames, z, p, 1 + c, true);
            double[] plus = p.clone(), minus = p.clone();
            plus[c] += h;
            minus[c] -= h;
            double[] ep = row(kernels, frames, z, plus, 0, true), em = row(kernels, frames, z, minus, 0, true);
            for (int q = 0; q < analytic.length; q++) {
                // kernel values are O(1) with O(1) curvature per Å: FD error ~h² ≈ 1e-10
                assertEquals((ep[q] - em[q]) / (2 * h), analytic[q], 1e-7, "Φ row " + c + ", column " + q);
            }
        }
        assertEquals(per, 1 + 3 * REF.size());
    }

    /** Row {@code obs} of Φ for one geometry (unit noise), via the right-hand side of the normal equations. */
    private static double[] row(java.util.List<RbfKernel> kernels, java.util.List<org.qff.qnn.descriptor.LocalFrame> frames, double[][][] z,
                                double[] positions, int obs, boolean withForces) {
        DescriptorSet ds = new DescriptorSet(new double[][] {positions}, frames, withForces);
        int per = Covariance.observationsPerFrame(REF.size(), withForces);
        double[] y = new double[per];
        y[obs] = 1;
        int p = REF.size() * z[0].length;
        double[] rhs = new double[p];
        SparseGprTrainer.accumulateNormalEquations(kernels, ds, z, y, withForces, 1, 1, new DMatrixRMaj(p, p), rhs);
        return rhs;
    }

    private static double[][] spreads(java.util.List<org.qff.qnn.descriptor.LocalFrame> frames) {
        double[][] pos = new double[N][];
        for (int s = 0; s < N; s++) pos[s] = train[s].positions();
        DescriptorSet ds = new DescriptorSet(pos, frames, false);
        double[][] sp = new double[frames.size()][];
        for (int i = 0; i < sp.length; i++) {
            sp[i] = new double[ds.dimensions[i]];
            for (int k = 0; k < sp[i].length; k++) sp[i][k] = Math.max(1e-2, ds.spread(i, k));
        }
        return sp;
    }

    private static double[][][] inducing(java.util.List<org.qff.qnn.descriptor.LocalFrame> frames, int m) {
        double[][] pos = new double[m][];
        for (int q = 0; q < m; q++) pos[q] = train[2 * q].positions();
        DescriptorSet ds = new DescriptorSet(pos, frames, false);
        double[][][] z = new double[frames.size()][m][];
        for (int i = 0; i < frames.size(); i++) for (int q = 0; q < m; q++) z[i][q] = ds.features[q][i];
        return z;
    }

    @Test
    void energyMatchesTheKernelSumItDefines() {
        // the potential's trig-free periodic kernel against RbfKernel, term by term
        Structure s = offData(41);
        SparseGprModel m = model.model();
        var kernels = m.kernels();
        double[] w = m.weights();
        double[][] ind = m.inducingPositions();
        double e = 0;
        for (int i = 0; i < m.atomCount(); i++) {
            var f = m.frames().get(i);
            double[] x = new double[f.dimension()];
            org.qff.qnn.descriptor.AlfDescriptor.compute(s.positions(), f, x, null);
            e += m.priorMean().atomValue(i, x, null);
            for (int q = 0; q < m.inducingCount(); q++) {
                double[] zq = new double[f.dimension()];
                org.qff.qnn.descriptor.AlfDescriptor.compute(ind[q], f, zq, null);
                e += kernels.get(i).value(x, zq) * w[i * m.inducingCount() + q];
            }
        }
        // the two evaluate cos(x − z) differently: agreement to rounding, |w|·1e-15 ≪ 1e-9
        assertEquals(e, model.energy(s), 1e-9);
    }

    @Test
    void invariantUnderRotationAndTranslationWithForcesRotating() {
        Structure s = offData(5);
        double e = model.energy(s);
        double[] f = model.forces(s);
        Random rng = new Random(3);
        for (int trial = 0; trial < 3; trial++) {
            double[] rot = MorseNetwork.randomRotation(rng);
            Structure t = s.withPositions(MorseNetwork.transform(s.positions(), rot, new double[] {4, -7, 2.5}));
            // features agree to ~1e-13 (rounding); the energy moves by |∇E|·1e-13 ≪ 1e-9 eV
            assertEquals(e, model.energy(t), 1e-9);
            assertArrayEquals(MorseNetwork.transform(f, rot, new double[3]), model.forces(t), 1e-8);
        }
    }

    @Test
    void weightsMinimiseTheSubsetOfRegressorsObjective() {
        // Independent of how the normal equations are assembled: the weights must minimise
        // J(w) = Σ_s (E_s(w) − E_s)²/λ_E + Σ_s,c (F_sc(w) − F_sc)²/λ_F + wᵀK_MM w, with E and F from the
        // potential itself. J is quadratic in w, so central differences along e_k are exact up to
        // rounding: the minimiser along e_k lies at w_k − g/c (g slope, c curvature) and must be w_k.
        SparseGprModel m = model.model();
        double[] w = m.weights();
        double j0 = objective(m, w);
        for (int k = 0; k < w.length; k += 3) {
            double d = 1e-3 * Math.max(1, Math.abs(w[k]));
            double[] plus = w.clone(), minus = w.clone();
            plus[k] += d;
            minus[k] -= d;
            double jp = objective(m, plus), jm = objective(m, minus);
            double slope = (jp - jm) / (2 * d), curvature = (jp + jm - 2 * j0) / (d * d);
            assertTrue(curvature > 0, "curvature along weight " + k);
            // rounding in J (~1e-16·J ≈ 1e-11) over d² gives ~1e-5 relative noise in the step; 1e-4 leaves room
            assertEquals(0, slope / curvature, 1e-4 * Math.max(1, Math.abs(w[k])), "optimal step along weight " + k);
        }
        assertTrue(objective(m, new double[w.length]) > j0, "w = 0 is worse than the solution");
    }

    private static double objective(SparseGprModel m, double[] w) {
        SparseGprModel changed = new SparseGprModel(m.species(), m.frames(), m.lengthScales(), m.lengthScaleFactors(), m.signalVariance(),
                m.energyNoise(), m.forceNoise(), m.jitter(), m.withForces(), m.trainingCount(), m.inducingPositions(), w, m.priorMean(),
                m.logMarginalLikelihood());
        SparseGprPotential pot = new SparseGprPotential(changed);
        int n3 = 3 * REF.size();
        double j = 0;
        for (int s = 0; s < N; s++) {
            double[] f = new double[n3];
            double e = pot.compute(train[s], f, null) - energies[s];
            j += e * e / m.energyNoise();
            for (int c = 0; c < n3; c++) j += Math.pow(f[c] - forces[s][c], 2) / m.forceNoise();
        }
        var kernels = m.kernels();
        double[][] ind = m.inducingPositions();
        int mi = m.inducingCount();
        for (int i = 0; i < m.atomCount(); i++) {
            var frame = m.frames().get(i);
            double[][] z = new double[mi][frame.dimension()];
            for (int q = 0; q < mi; q++) org.qff.qnn.descriptor.AlfDescriptor.compute(ind[q], frame, z[q], null);
            for (int a = 0; a < mi; a++) for (int b = 0; b < mi; b++) j += w[i * mi + a] * kernels.get(i).value(z[a], z[b]) * w[i * mi + b];
        }
        return j;
    }

    @Test
    void varianceGrowsAwayFromTheData() {
        double near = model.predict(train[0]).variance();
        double[] far = REF.positions();
        for (int k = 0; k < far.length; k++) far[k] *= 1.6;
        double distant = model.predict(REF.withPositions(far)).variance();
        assertTrue(distant > 10 * near, "variance near data " + near + ", far " + distant);
        assertTrue(distant <= model.model().signalVariance() * REF.size() * (1 + 1e-9), "DTC variance is bounded by the prior's N·σ²");
    }

    @Test
    void modelFileRoundTripIsBitForBit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        GprModelFile.write(model.model(), file);
        GprPotential.register();
        Potential loaded = Potentials.load(file.toString());
        assertInstanceOf(SparseGprPotential.class, loaded);
        Structure probe = offData(77);
        int n = REF.size();
        double[] f1 = new double[3 * n], f2 = new double[3 * n], a1 = new double[n], a2 = new double[n];
        assertEquals(model.compute(probe, f1, a1), loaded.compute(probe, f2, a2), 0.0);
        assertArrayEquals(f1, f2, 0.0);
        assertArrayEquals(a1, a2, 0.0);
        Path again = dir.resolve("again.json");
        GprModelFile.write(((SparseGprPotential) loaded).model(), again);
        assertEquals(Files.readString(file), Files.readString(again));
        var json = new ObjectMapper().readTree(file.toFile());
        assertEquals("gpr", json.get("type").asText());
        assertEquals(GprModelFile.SPARSE_VERSION, json.get("version").asInt());
        assertEquals(8, json.at("/sparse/inducing_count").asInt());
        assertEquals(N, json.at("/training/geometries").asInt());
        assertFalse(json.at("/training").has("positions_A"), "only inducing geometries are stored");
        assertEquals("gpr-sparse-quadratic", loaded.name());
        // a loaded model has no training factor: variances are refused with a reason, not made up
        var e = assertThrows(IllegalStateException.class, () -> ((SparseGprPotential) loaded).predict(probe));
        assertTrue(e.getMessage().contains("does not store"), e.getMessage());
    }

    @Test
    void inconsistentFileIsRejectedNamingTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        GprModelFile.write(model.model(), file);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("sparse")).put("inducing_count", 9);
        Files.writeString(file, json.toString());
        GprPotential.register();
        var e = assertThrows(IllegalArgumentException.class, () -> Potentials.load(file.toString()));
        assertTrue(e.getMessage().contains("inducing_count"), e.getMessage());
    }

    @Test
    void inducingCountOutsideOneToNIsAClearError() {
        GprOptions o = GprOptions.defaults().withLengthScale(1.0);
        var low = assertThrows(IllegalArgumentException.class, () -> SparseGprTrainer.train(train, energies, forces, o, 0));
        assertTrue(low.getMessage().contains("M = 0"), low.getMessage());
        var high = assertThrows(IllegalArgumentException.class, () -> SparseGprTrainer.train(train, energies, forces, o, N + 1));
        assertTrue(high.getMessage().contains("M = " + (N + 1)) && high.getMessage().contains(N + " training geometries"), high.getMessage());
        var noNoise = assertThrows(IllegalArgumentException.class, () -> SparseGprTrainer.train(train, energies, forces, o.withNoise(0, 0), 4));
        assertTrue(noNoise.getMessage().contains("positive noise"), noNoise.getMessage());
    }

    @Test
    void evenlySpacedIndicesAreDistinctAndCoverEverythingAtMEqualsN() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, SparseGprTrainer.evenlySpaced(4, 4));
        assertArrayEquals(new int[] {0, 3, 6}, SparseGprTrainer.evenlySpaced(10, 3));
    }
}
