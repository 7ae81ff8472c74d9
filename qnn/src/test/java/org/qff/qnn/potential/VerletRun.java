package org.qff.qnn.potential;

import java.util.Random;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.atoms.Units;

/** A plain velocity-Verlet NVE run for potential tests: energy drift and the largest bond stretch. */
record VerletRun(double maxEnergyDrift, double maxBondStretch, double totalEnergy) {

    static VerletRun run(BondedPotential pot, Structure start, double temperature, double dt, int steps, long seed) {
        Random rnd = new Random(seed);
        int n = start.size();
        double[] mass = new double[n];
        for (int a = 0; a < n; a++) mass[a] = Elements.mass(start.atomicNumber(a));
        double kT = Units.KB * temperature;
        double[] v = new double[3 * n];
        for (int k = 0; k < 3 * n; k++) v[k] = rnd.nextGaussian() * Math.sqrt(kT / (mass[k / 3] * Units.AMU_A2_PER_FS2));
        double[] x = start.positions();
        double[] f = new double[3 * n];
        double e0 = pot.compute(start, f, null) + kinetic(v, mass);
        double maxDrift = 0, maxStretch = 0;
        for (int step = 0; step < steps; step++) {
            for (int k = 0; k < 3 * n; k++) {
                v[k] += 0.5 * dt * f[k] / (mass[k / 3] * Units.AMU_A2_PER_FS2);
                x[k] += dt * v[k];
            }
            Structure s = start.withPositions(x);
            double epot = pot.compute(s, f, null);
            for (int k = 0; k < 3 * n; k++) v[k] += 0.5 * dt * f[k] / (mass[k / 3] * Units.AMU_A2_PER_FS2);
            maxDrift = Math.max(maxDrift, Math.abs(epot + kinetic(v, mass) - e0));
            for (MorseBond b : pot.topology().bonds()) {
                double dx = s.x(b.j()) - s.x(b.i()), dy = s.y(b.j()) - s.y(b.i()), dz = s.z(b.j()) - s.z(b.i());
                maxStretch = Math.max(maxStretch, Math.sqrt(dx * dx + dy * dy + dz * dz) / b.length());
            }
        }
        return new VerletRun(maxDrift, maxStretch, e0);
    }

    private static double kinetic(double[] v, double[] mass) {
        double k = 0;
        for (int i = 0; i < v.length; i++) k += 0.5 * mass[i / 3] * v[i] * v[i];
        return k * Units.AMU_A2_PER_FS2;
    }
}
