package org.qff.qnn.gpr;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.testing.MorseNetwork;

import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

class GprPotentialTest {
    static final Structure REF = MorseNetwork.molecule();
    static final MorseNetwork TRUTH = new MorseNetwork(REF);
    static final int M = 12;
    static Structure[] train;
    static double[] energies;
    static double[][] forces;
    static GprPotential model;

    @BeforeAll
    static void trainModel() {
        train = MorseNetwork.samples(REF, M, 0.06, 11);
        energies = new double[M];
        forces = new double[M][];
        for (int s = 0; s < M; s++) {
            forces[s] = new double[3 * REF.size()];
            energies[s] = TRUTH.compute(train[s], forces[s], null);
        }
        model = GprTrainer.train(train, energies, forces, GprOptions.defaults().withPriorMean(PriorMeanKind.LINEAR));
    }

    private static Structure offData(long seed) {
        return MorseNetwork.samples(REF, 1, 0.05, seed)[0];
    }

    @Test
    void forcesAreMinusFiniteDifferenceEnergies() {
        Structure s = offData(99);
        double[] f = model.forces(s);
        double[] p = s.positions();
        // h = 1e-5 Å: truncation h²·|E'''| ~ 1e-10·O(100) eV/Å, rounding ~1e-16·|E|/h ~ 1e-10; 1e-6 eV/Å is far below
        // any modelling error but far above both
        double h = 1e-5;
        for (int m = 0; m < p.length; m++) {
            double[] plus = p.clone(), minus = p.clone();
            plus[m] += h;
            minus[m] -= h;
            double fd = -(model.energy(s.withPositions(plus)) - model.energy(s.withPositions(minus))) / (2 * h);
            assertEquals(fd, f[m], 1e-6, "force component " + m);
        }
        double[] atomE = new double[s.size()];
        double e = model.compute(s, null, atomE);
        double sum = 0;
        for (double x : atomE) sum += x;
        assertEquals(e, sum, 1e-10 * Math.abs(e));
    }

    @Test
    void energyAndForcesAreSmoothWhereAnAzimuthWrapsAroundPi() {
        // Move atom j of atom 0's frame to azimuth φ = π exactly, train on geometries around it (their φ
        // straddle ±π, so the raw feature jumps by 2π between training geometries), then check forces
        // against finite differences whose steps cross the wrap.
        // the spherical (FFLUX) coordinates are the ones with an azimuth; Cartesian frames have none
        var spherical = org.qff.qnn.descriptor.AlfCoordinates.SPHERICAL;
        org.qff.qnn.descriptor.LocalFrame f = org.qff.qnn.descriptor.LocalFrames.choose(REF, spherical).get(0);
        double[] p = REF.positions();
        int a = f.xAxisAtom(), b = f.xyPlaneAtom(), j = f.other(0);
        double[] ex = unit(sub(p, a, 0)), vb = sub(p, b, 0);
        double c = vb[0] * ex[0] + vb[1] * ex[1] + vb[2] * ex[2];
        double[] ey = unit(new double[] {vb[0] - c * ex[0], vb[1] - c * ex[1], vb[2] - c * ex[2]});
        double[] ez = {ex[1] * ey[2] - ex[2] * ey[1], ex[2] * ey[0] - ex[0] * ey[2], ex[0] * ey[1] - ex[1] * ey[0]};
        for (int d = 0; d < 3; d++) p[3 * j + d] = p[d] + 1.5 * (-0.6 * ex[d] + 0.8 * ez[d]);
        Structure ref = REF.withPositions(p);
        assertEquals(f, org.qff.qnn.descriptor.LocalFrames.choose(ref, spherical).get(0), "same frame for atom 0");
        MorseNetwork truth = new MorseNetwork(ref);
        Structure[] tr = MorseNetwork.samples(ref, 10, 0.05, 31);
        double[] e = new double[tr.length];
        double[][] fo = new double[tr.length][15];
        int positive = 0;
        for (int s = 0; s < tr.length; s++) {
            e[s] = truth.compute(tr[s], fo[s], null);
            double[] x = new double[f.dimension()];
            org.qff.qnn.descriptor.AlfDescriptor.compute(tr[s].positions(), f, x, null);
            if (x[5] > 0) positive++;
        }
        assertTrue(positive > 0 && positive < tr.length, "training azimuths straddle ±π (" + positive + " of " + tr.length + " positive)");
        GprPotential gp = GprTrainer.train(tr, e, fo, GprOptions.defaults().withPriorMean(PriorMeanKind.LINEAR).withCoordinates(spherical));
        double[] force = gp.forces(ref);
        double h = 1e-5;
        // step along the local ŷ of atom j: φ goes from −π + ε to π − ε
        double[] plus = p.clone(), minus = p.clone();
        for (int d = 0; d < 3; d++) {
            plus[3 * j + d] += h * ey[d];
            minus[3 * j + d] -= h * ey[d];
        }
        double fd = -(gp.energy(ref.withPositions(plus)) - gp.energy(ref.withPositions(minus))) / (2 * h);
        double analytic = force[3 * j] * ey[0] + force[3 * j + 1] * ey[1] + force[3 * j + 2] * ey[2];
        // same tolerance argument as the other finite-difference test
        assertEquals(fd, analytic, 1e-6);
        assertTrue(Math.abs(analytic) > 1e-3, "the check is not vacuous: the force along ŷ is " + analytic);
    }

    private static double[] sub(double[] p, int to, int from) {
        return new double[] {p[3 * to] - p[3 * from], p[3 * to + 1] - p[3 * from + 1], p[3 * to + 2] - p[3 * from + 2]};
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
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
    void consistentRelabellingOfModelAndStructureLeavesEnergyUnchanged() {
        int[] perm = {3, 0, 4, 2, 1}; // old atom a becomes atom perm[a]
        GprPotential relabelled = new GprPotential(model.model().relabelled(perm));
        Structure s = offData(8);
        double[] p = s.positions(), q = new double[p.length];
        int[] z = s.atomicNumbers(), zq = new int[z.length];
        for (int a = 0; a < z.length; a++) {
            zq[perm[a]] = z[a];
            System.arraycopy(p, 3 * a, q, 3 * perm[a], 3);
        }
        Structure t = new Structure(zq, q);
        double[] f = new double[p.length], fq = new double[p.length], ea = new double[z.length], eq = new double[z.length];
        double e = model.compute(s, f, ea), e2 = relabelled.compute(t, fq, eq);
        // the same arithmetic up to the order of a few sums: rounding only
        assertEquals(e, e2, 1e-11 * Math.abs(e));
        for (int a = 0; a < z.length; a++) {
            assertEquals(ea[a], eq[perm[a]], 1e-11);
            for (int c = 0; c < 3; c++) assertEquals(f[3 * a + c], fq[3 * perm[a] + c], 1e-10);
        }
        // a map that is not a permutation is rejected, naming it
        assertThrows(IllegalArgumentException.class, () -> model.model().relabelled(new int[] {0, 0, 1, 2, 3}));
    }

    @ParameterizedTest
    @EnumSource(PriorMeanKind.class)
    void posteriorMeanInterpolatesNoiseFreeTrainingData(PriorMeanKind kind) {
        double noise = 1e-9;
        GprPotential p = GprTrainer.train(train, energies, forces,
                GprOptions.defaults().withPriorMean(kind).withNoise(noise, noise).withOptimiseNoise(false));
        GprModel m = p.model();
        assertEquals(noise, m.energyNoise());
        double lambda = Math.max(m.energyNoise(), m.forceNoise()) + m.jitter();
        double[] w = m.weights();
        int per = 1 + 3 * REF.size();
        for (int s = 0; s < M; s++) {
            double[] f = new double[3 * REF.size()];
            double e = p.compute(train[s], f, null);
            // exactly: prediction − observation = −λ·w (K0 (K0+λ)⁻¹ y − y = −λ w); allow rounding of the Cholesky solve
            // (condition number ≤ ~1/λ times 1e-16 relative to |y| ~ 1) on top
            double tolE = lambda * Math.abs(w[s * per]) + 1e-6;
            assertEquals(energies[s], e, tolE, kind + " energy of training geometry " + s);
            for (int c = 0; c < f.length; c++) {
                assertEquals(forces[s][c], f[c], lambda * Math.abs(w[s * per + 1 + c]) + 1e-5, kind + " force " + c + " of training geometry " + s);
            }
        }
    }

    @Test
    void heldOutErrorsShrinkWellBelowTheEnergySpread() {
        int m = 30;
        Structure[] tr = MorseNetwork.samples(REF, m, 0.04, 21);
        double[] e = new double[m];
        double[][] f = new double[m][];
        for (int s = 0; s < m; s++) {
            f[s] = new double[3 * REF.size()];
            e[s] = TRUTH.compute(tr[s], f[s], null);
        }
        GprPotential p = GprTrainer.train(tr, e, f, GprOptions.defaults());
        Structure[] test = MorseNetwork.samples(REF, 20, 0.04, 22);
        double mean = 0, spread = 0, mae = 0;
        for (Structure t : test) mean += TRUTH.energy(t) / test.length;
        for (Structure t : test) {
            spread += Math.abs(TRUTH.energy(t) - mean) / test.length;
            mae += Math.abs(TRUTH.energy(t) - p.energy(t)) / test.length;
        }
        // a real fit, not a lookup of the training points: far better than predicting the mean energy
        assertTrue(mae < 0.3 * spread, "held-out MAE " + mae + " eV vs mean absolute deviation " + spread + " eV");
    }

    @Test
    void varianceIsSmallAtTrainingDataAndGrowsAway() {
        double priorVariance = REF.size() * model.model().signalVariance();
        GprPrediction atTrain = model.predict(train[0]);
        assertTrue(atTrain.variance() >= 0);
        assertTrue(atTrain.variance() < 1e-4 * priorVariance, "variance at a training geometry " + atTrain.variance());
        assertEquals(model.energy(train[0]), atTrain.energy(), 0);
        GprPrediction near = model.predict(offData(77));
        GprPrediction far = model.predict(stretched(1.6));
        assertTrue(near.variance() > atTrain.variance());
        assertTrue(far.variance() > near.variance());
        assertTrue(far.variance() <= priorVariance * (1 + 1e-12));
        assertTrue(far.variance() > 0.5 * priorVariance, "far from data the variance approaches the prior N·σ²");
    }

    /** The reference geometry scaled about atom 0: far outside the training distribution. */
    private static Structure stretched(double factor) {
        double[] p = REF.positions();
        for (int c = 0; c < p.length; c++) p[c] *= factor;
        return REF.withPositions(p);
    }

    @Test
    void priorMeansDecideWhatTheModelPredictsFarFromData() {
        double margin = 2.0;
        double max = Double.NEGATIVE_INFINITY, mean = 0;
        for (double e : energies) { max = Math.max(max, e); mean += e / M; }
        Structure far = stretched(3.0);
        GprOptions o = GprOptions.defaults().withShiftMargin(margin);
        double zero = GprTrainer.train(train, energies, forces, o.withPriorMean(PriorMeanKind.ZERO)).energy(far);
        double constant = GprTrainer.train(train, energies, forces, o.withPriorMean(PriorMeanKind.CONSTANT)).energy(far);
        double high = GprTrainer.train(train, energies, forces, o.withPriorMean(PriorMeanKind.SHIFTED_HIGH_CONSTANT)).energy(far);
        // 3× stretched: every kernel value is negligible, so the posterior is its prior mean to within a meV
        assertEquals(0, zero, 1e-3);
        assertEquals(mean, constant, 1e-3);
        assertEquals(max + margin, high, 1e-3);
        assertTrue(high > constant + margin);

        for (PriorMeanKind kind : new PriorMeanKind[] {PriorMeanKind.SHIFTED_HIGH_LINEAR, PriorMeanKind.SHIFTED_HIGH_QUADRATIC}) {
            GprPotential p = GprTrainer.train(train, energies, forces, o.withPriorMean(kind));
            PriorMean pm = p.model().priorMean();
            DescriptorSet ds = new DescriptorSet(p.model().trainingPositions(), p.model().frames(), false);
            double minGap = Double.MAX_VALUE;
            for (int s = 0; s < M; s++) {
                double m = 0;
                for (int i = 0; i < REF.size(); i++) m += pm.atomValue(i, ds.features[s][i], null);
                minGap = Math.min(minGap, m - energies[s]);
            }
            // the shifted mean touches the data at exactly the margin (the worst geometry) and lies above elsewhere
            assertEquals(margin, minGap, 1e-9, kind + " lies margin above the highest residual");
            // the unshifted fit of the same order predicts lower far away than the shifted one, by the shift
            PriorMeanKind plain = kind == PriorMeanKind.SHIFTED_HIGH_LINEAR ? PriorMeanKind.LINEAR : PriorMeanKind.QUADRATIC;
            GprPotential q = GprTrainer.train(train, energies, forces, o.withPriorMean(plain));
            double shift = pm.constant() - q.model().priorMean().constant();
            assertTrue(shift >= margin);
            Structure mid = stretched(1.8);
            assertEquals(shift, p.energy(mid) - q.energy(mid), 1e-3 + 1e-3 * shift, kind + " far-field offset");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(org.qff.qnn.descriptor.AlfCoordinates.class)
    void shiftedHighMeanPushesBackTowardsTheData(org.qff.qnn.descriptor.AlfCoordinates coordinates) {
        GprPotential high = GprTrainer.train(train, energies, forces,
                GprOptions.defaults().withPriorMean(PriorMeanKind.SHIFTED_HIGH_CONSTANT).withShiftMargin(1.0).withCoordinates(coordinates));
        // Leaving the training region along a uniform stretch (the data span about ±6 % of the bond lengths), the
        // energy climbs out of the data's basin towards the high prior mean, so the force along the stretch (−dE/ds)
        // points back. Once above the data (max + 0.5 eV) the posterior may overshoot the mean and relax onto it (a
        // GP is not monotonic: the Cartesian model does, by 0.14 eV at 1.25×), but it never comes back down towards
        // the data's energies, so nothing pulls atoms further out; once every kernel value has underflowed it is
        // exactly the mean.
        double max = Double.NEGATIVE_INFINITY;
        for (double e : energies) max = Math.max(max, e);
        double previous = Double.NEGATIVE_INFINITY;
        boolean above = false;
        StringBuilder trace = new StringBuilder();
        for (int step = 0; step <= 40; step++) {
            double f = 1 + 0.05 * step;
            double e = high.energy(stretched(f));
            trace.append(String.format(" %.2f→%.6f", f, e));
            if (!above) assertTrue(e >= previous, "energy falls with the stretch while still climbing out of the data:" + trace);
            else assertTrue(e > max + 0.5, "energy fell back towards the data (max " + max + "):" + trace);
            above |= e > max + 0.5;
            previous = e;
        }
        assertEquals(max + 1.0, high.energy(stretched(3.0)), 1e-9, "far away the posterior is the prior mean");
    }

    @Test
    void unknownOrMismatchedSpeciesAreClearErrors() {
        Structure chlorine = new Structure(new int[] {6, 17, 1, 1, 1}, REF.positions());
        var e = assertThrows(IllegalArgumentException.class, () -> model.energy(chlorine));
        assertTrue(e.getMessage().contains("atom 1") && e.getMessage().contains("Cl"), e.getMessage());
        assertFalse(model.covers(17));
        assertTrue(model.covers(8));
        Structure swapped = new Structure(new int[] {8, 6, 1, 1, 1}, REF.positions());
        e = assertThrows(IllegalArgumentException.class, () -> model.energy(swapped));
        assertTrue(e.getMessage().contains("atom 0 is O but model atom 0 is C"), e.getMessage());
        Structure fewer = new Structure(new int[] {6, 8, 1, 1}, java.util.Arrays.copyOf(REF.positions(), 12));
        e = assertThrows(IllegalArgumentException.class, () -> model.energy(fewer));
        assertTrue(e.getMessage().contains("5-atom"), e.getMessage());
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        Structure[] probes = MorseNetwork.samples(REF, 16, 0.05, 500);
        double[][] expected = new double[probes.length][];
        for (int k = 0; k < probes.length; k++) expected[k] = model.forces(probes[k]);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<double[]>>();
            for (Structure p : probes) futures.add(pool.submit(() -> model.forces(p)));
            for (int k = 0; k < probes.length; k++) assertArrayEquals(expected[k], futures.get(k).get(), 0.0);
        } finally {
            pool.shutdownNow();
        }
        var e = assertThrows(IllegalArgumentException.class, () -> model.compute(probes[0], new double[3], null));
        assertTrue(e.getMessage().contains("forces array holds 3 numbers, need 15"), e.getMessage());
    }

    @Test
    void duplicateGeometriesGetJitterWithAWarning() {
        Structure[] dup = {train[0], train[1], train[0], train[2]};
        double[] e = {energies[0], energies[1], energies[0], energies[2]};
        double[][] f = {forces[0], forces[1], forces[0], forces[2]};
        Logger log = Logger.getLogger("org.qff.qnn.gpr");
        StringBuilder warnings = new StringBuilder();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) { if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) warnings.append(r.getMessage()); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        log.addHandler(h);
        try {
            GprPotential p = GprTrainer.train(dup, e, f, GprOptions.defaults().withNoise(0, 0).withLengthScale(1.0));
            assertTrue(p.model().jitter() > 0, "jitter added");
            assertTrue(warnings.toString().contains("jitter"), "warning logged: " + warnings);
            assertEquals(e[0], p.energy(train[0]), 1e-3);
        } finally {
            log.removeHandler(h);
        }
    }

    @Test
    void badTrainingInputIsRejectedNamingTheValue() {
        double[] nan = energies.clone();
        nan[3] = Double.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> GprTrainer.train(train, nan, forces, GprOptions.defaults()));
        assertTrue(e.getMessage().contains("geometry 3"), e.getMessage());
        Structure[] mixed = train.clone();
        mixed[2] = new Structure(new int[] {6, 8, 1, 1, 9}, train[2].positions());
        e = assertThrows(IllegalArgumentException.class, () -> GprTrainer.train(mixed, energies, forces, GprOptions.defaults()));
        assertTrue(e.getMessage().contains("geometry 2: atom 4 is F"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GprTrainer.train(train, energies, null, GprOptions.defaults()));
        assertTrue(e.getMessage().contains("force"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PriorMeanKind.fromName("shifted-low"));
    }

    @Test
    void threeAtomMoleculesHaveNoAzimuthsAndStillWork() {
        Structure water = new Structure(new int[] {8, 1, 1}, new double[] {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0});
        MorseNetwork truth = new MorseNetwork(water);
        Structure[] tr = MorseNetwork.samples(water, 8, 0.04, 5);
        double[] e = new double[tr.length];
        double[][] f = new double[tr.length][9];
        for (int s = 0; s < tr.length; s++) e[s] = truth.compute(tr[s], f[s], null);
        GprPotential gp = GprTrainer.train(tr, e, f, GprOptions.defaults().withPriorMean(PriorMeanKind.QUADRATIC));
        assertEquals(3, gp.model().frames().get(0).dimension());
        Structure probe = MorseNetwork.samples(water, 1, 0.04, 6)[0];
        double[] force = gp.forces(probe), p = probe.positions();
        double h = 1e-5;
        for (int m = 0; m < p.length; m++) {
            double[] plus = p.clone(), minus = p.clone();
            plus[m] += h;
            minus[m] -= h;
            assertEquals(-(gp.energy(probe.withPositions(plus)) - gp.energy(probe.withPositions(minus))) / (2 * h), force[m], 1e-6);
        }
    }

    @Test
    void aCovarianceBeyondTheHeapIsRefusedUpFront() {
        int m = 20000; // 20000 × 16 observations: a 320000² covariance, terabytes
        Structure[] many = new Structure[m];
        double[] e = new double[m];
        double[][] f = new double[m][];
        for (int s = 0; s < m; s++) {
            many[s] = train[s % M];
            e[s] = energies[s % M];
            f[s] = forces[s % M];
        }
        var ex = assertThrows(IllegalArgumentException.class, () -> GprTrainer.train(many, e, f, GprOptions.defaults()));
        assertTrue(ex.getMessage().contains("320000 × 320000 covariance"), ex.getMessage());
    }

    @Test
    void energiesAloneAlsoTrain() {
        GprPotential p = GprTrainer.train(train, energies, null, GprOptions.defaults().withUseForces(false).withPriorMean(PriorMeanKind.QUADRATIC));
        for (int s = 0; s < M; s++) assertEquals(energies[s], p.energy(train[s]), 1e-4);
        Structure s = offData(42);
        double[] f = p.forces(s);
        double h = 1e-5;
        double[] pos = s.positions();
        pos[4] += h;
        double ep = p.energy(s.withPositions(pos));
        pos[4] -= 2 * h;
        double em = p.energy(s.withPositions(pos));
        assertEquals(-(ep - em) / (2 * h), f[4], 1e-6);
    }
}
