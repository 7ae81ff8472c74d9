package org.qff.md;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.LennardJones;

/**
 * Canonical sampling on a 13-atom argon cluster at 20 K (solid, anharmonic enough to mix): with
 * N_f = 33 degrees of freedom the kinetic energy is Gamma-distributed with mean N_f kT/2 and
 * variance N_f (kT)²/2. Statistical errors come from block averages of the run itself (40 blocks
 * of 25 ps, longer than the KE correlation time of a few ps), and each test also requires the
 * error to be small, so that agreement is a real check rather than a wide error bar.
 */
class ThermostatTest {
    private static final double T = 20;
    private static final double DT = 5;
    private static final int BLOCKS = 40;
    private static final int STEPS = 200_000; // 1 ns
    private static final int SAMPLE_EVERY = 5;

    record KineticStats(double meanRatio, double meanError, double varRatio, double varError, double conservedSigma, double conservedDrift, double keMean) {}

    private static KineticStats sample(Integrator integrator, long seed) {
        MdSystem s = new MdSystem(TestSystems.argon13(), LennardJones.argon(), MomentumConstraints.TRANSLATION_AND_ROTATION);
        s.assignMaxwellBoltzmann(T, new Rng(seed));
        for (int k = 0; k < 20_000; k++) integrator.step(s); // 100 ps equilibration
        double kt = Units.KB * T;
        int nf = s.degreesOfFreedom();
        double meanExpected = nf * kt / 2, varExpected = nf * kt * kt / 2;
        int perBlock = STEPS / SAMPLE_EVERY / BLOCKS;
        double[] blockMean = new double[BLOCKS], blockVar = new double[BLOCKS];
        int samples = BLOCKS * perBlock;
        double[] conserved = new double[samples];
        double keTotal = 0;
        for (int b = 0; b < BLOCKS; b++) {
            double sum = 0, sumSq = 0;
            for (int k = 0; k < perBlock; k++) {
                for (int j = 0; j < SAMPLE_EVERY; j++) integrator.step(s);
                double ke = s.kineticEnergy();
                sum += ke;
                sumSq += (ke - meanExpected) * (ke - meanExpected);
                conserved[b * perBlock + k] = integrator.conservedEnergy(s);
                keTotal += ke;
            }
            blockMean[b] = sum / perBlock;
            // squared deviations from the exact canonical mean: unbiased for the variance whatever the correlation
            blockVar[b] = sumSq / perBlock;
        }
        double[] m = meanAndError(blockMean), v = meanAndError(blockVar);
        double[] trend = sigmaAndDrift(conserved);
        return new KineticStats(m[0] / meanExpected, m[1] / meanExpected, v[0] / varExpected, v[1] / varExpected, trend[0], trend[1],
                keTotal / samples);
    }

    /** Standard deviation of a series and the size of its linear trend over the whole series. */
    static double[] sigmaAndDrift(double[] e) {
        int n = e.length;
        double mean = 0;
        for (double x : e) mean += x / n;
        double var = 0, sxy = 0, sxx = 0;
        for (int k = 0; k < n; k++) {
            var += (e[k] - mean) * (e[k] - mean) / n;
            double t = k - (n - 1) / 2.0;
            sxy += t * (e[k] - mean);
            sxx += t * t;
        }
        return new double[] {Math.sqrt(var), Math.abs(sxy / sxx) * n};
    }

    private static double[] meanAndError(double[] x) {
        double mean = 0;
        for (double v : x) mean += v / x.length;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean) / (x.length - 1);
        return new double[] {mean, Math.sqrt(var / x.length)};
    }

    private static void assertCanonical(KineticStats st, String what) {
        String msg = what + ": " + st;
        // errors small enough to mean something: 1 % on the mean, 6 % on the variance
        assertTrue(st.meanError() < 0.01 && st.varError() < 0.06, "statistical error too large to test: " + msg);
        // within 4 standard errors (a false alarm once in ~16 000 runs)
        assertTrue(Math.abs(st.meanRatio() - 1) < 4 * st.meanError() + 0.002, "mean KE off: " + msg);
        assertTrue(Math.abs(st.varRatio() - 1) < 4 * st.varError() + 0.01, "KE variance off: " + msg);
    }

    @Test
    void noseHooverChainSamplesTheCanonicalKineticEnergyAndConservesItsEnergy() {
        NoseHooverChain nhc = new NoseHooverChain(DT, T, 200, 3);
        KineticStats st = sample(nhc, 11);
        assertCanonical(st, "NHC");
        // the extended energy fluctuates no more than Verlet's own bound allows (see NveTest), and does not drift
        double omega = TestSystems.highestFrequencyOfArgon13();
        double bound = omega * DT * omega * DT / 4 * 2 * st.keMean();
        assertTrue(st.conservedSigma() < bound, "NHC conserved quantity σ " + st.conservedSigma() + " eV > bound " + bound);
        assertTrue(st.conservedDrift() < bound, "NHC conserved quantity drifts " + st.conservedDrift() + " eV over 1 ns > " + bound);
    }

    @Test
    void langevinBaoabSamplesTheCanonicalKineticEnergy() {
        KineticStats st = sample(new LangevinBaoab(DT, T, 200, new Rng(5)), 12);
        assertCanonical(st, "Langevin");
    }

    /**
     * Standard deviation of the NHC extended energy at time step dt, averaged over 6 runs of 50 ps
     * (one chaotic trajectory alone makes the ratio below scatter by ±50 %).
     */
    private static double extendedEnergySpread(double dt) {
        double sum = 0;
        for (int seed = 1; seed <= 6; seed++) {
            MdSystem s = new MdSystem(TestSystems.argon13(), LennardJones.argon(), MomentumConstraints.TRANSLATION_AND_ROTATION);
            s.assignMaxwellBoltzmann(T, new Rng(seed));
            NoseHooverChain nhc = new NoseHooverChain(dt, T, 200, 3);
            int n = (int) Math.round(50_000 / dt);
            double[] e = new double[n];
            for (int k = 0; k < n; k++) {
                nhc.step(s);
                e[k] = nhc.conservedEnergy(s);
            }
            sum += sigmaAndDrift(e)[0];
        }
        return sum / 6;
    }

    @Test
    void noseHooverChainIntegrationIsSecondOrder() {
        // the Trotter scheme is symmetric, so its extended-energy error falls as dt²: halving dt
        // divides it by ≈ 4 (2 would mean a first-order mistake in the splitting)
        double ratio = extendedEnergySpread(5.0) / extendedEnergySpread(2.5);
        assertTrue(ratio > 3.0 && ratio < 5.5, "σ(dt)/σ(dt/2) = " + ratio + ", expected ≈ 4");
    }
}
