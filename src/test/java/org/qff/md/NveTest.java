package org.qff.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qff.qnn.potential.LennardJones;

/** Velocity Verlet on a 13-atom argon cluster (LJ, solid at 20 K). */
class NveTest {

    private static MdSystem cluster(double temperature, long seed) {
        MdSystem s = new MdSystem(TestSystems.argon13(), LennardJones.argon(), MomentumConstraints.TRANSLATION_AND_ROTATION);
        s.assignMaxwellBoltzmann(temperature, new Rng(seed));
        return s;
    }

    /** Energy statistics of an NVE run: standard deviation and the drift (slope × duration) of E. */
    private static double[] energyStats(double dt, double durationFs) {
        MdSystem s = cluster(20, 1);
        VelocityVerlet vv = new VelocityVerlet(dt);
        int steps = (int) Math.round(durationFs / dt);
        double[] e = new double[steps];
        double keMean = 0;
        for (int k = 0; k < steps; k++) {
            vv.step(s);
            e[k] = vv.conservedEnergy(s);
            keMean += s.kineticEnergy() / steps;
        }
        double mean = 0;
        for (double x : e) mean += x / steps;
        double var = 0, sxy = 0, sxx = 0;
        for (int k = 0; k < steps; k++) {
            var += (e[k] - mean) * (e[k] - mean) / steps;
            double t = k - (steps - 1) / 2.0;
            sxy += t * (e[k] - mean);
            sxx += t * t;
        }
        return new double[] {Math.sqrt(var), Math.abs(sxy / sxx) * steps, keMean};
    }

    @Test
    void energyIsConservedWithinTheVerletBoundAndErrorScalesAsTimestepSquared() {
        double omega = TestSystems.highestFrequencyOfArgon13();
        double dt = 5.0;
        double[] coarse = energyStats(dt, 100_000);
        double[] fine = energyStats(dt / 2, 100_000);
        // Verlet on a harmonic mode of frequency ω conserves ½mv² + ½kx²(1 − (ωdt)²/4): E oscillates
        // with peak-to-peak (ωdt)²/4 of the mode energy. Summed over modes the spread of E is below
        // (ω_max dt)²/4 times the vibrational energy ≈ 2⟨KE⟩.
        double bound = omega * dt * omega * dt / 4 * 2 * coarse[2];
        assertTrue(coarse[0] < bound, "σ_E = " + coarse[0] + " eV exceeds the Verlet bound " + bound + " eV (ω_max = " + omega + "/fs)");
        assertTrue(coarse[0] > 0, "energy fluctuation cannot be exactly zero");
        // second order: halving dt divides the fluctuation by 4 (±20 % for anharmonicity and sampling)
        double ratio = coarse[0] / fine[0];
        assertTrue(ratio > 3.2 && ratio < 4.8, "σ_E(dt)/σ_E(dt/2) = " + ratio + ", expected ≈ 4");
        // a symplectic integrator has no secular drift: over 100 ps the trend stays below the fluctuation
        assertTrue(coarse[1] < coarse[0], "drift " + coarse[1] + " eV over the run exceeds σ_E " + coarse[0]);
    }

    @Test
    void hundredStepsForwardThenBackReturnsToTheStartWithin1eMinus9() {
        MdSystem s = cluster(40, 7);
        VelocityVerlet vv = new VelocityVerlet(5.0);
        double[] start = s.positions.clone();
        for (int k = 0; k < 100; k++) vv.step(s);
        double moved = 0;
        for (int k = 0; k < start.length; k++) moved = Math.max(moved, Math.abs(s.positions[k] - start[k]));
        assertTrue(moved > 0.05, "the test must move atoms measurably, moved " + moved);
        for (int k = 0; k < s.velocities.length; k++) s.velocities[k] = -s.velocities[k];
        for (int k = 0; k < 100; k++) vv.step(s);
        for (int k = 0; k < start.length; k++) assertEquals(start[k], s.positions[k], 1e-9);
    }
}
