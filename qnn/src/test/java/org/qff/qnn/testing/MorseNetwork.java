package org.qff.qnn.testing;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

import java.util.Random;

/**
 * Test-only classical potential for a small molecule: a Morse term between every pair of atoms,
 * with the pair's reference-geometry distance as its minimum (strong for bonded pairs, weak for
 * the rest), so the molecule keeps its shape. Analytic forces. Also makes the synthetic data sets.
 */
public final class MorseNetwork implements Potential {
    private final double[] reference;
    private final int[] species;

    public MorseNetwork(Structure reference) {
        this.reference = reference.positions();
        this.species = reference.atomicNumbers();
    }

    /** A five-atom, asymmetric CH3O-like molecule (C, O, H, H, H). */
    public static Structure molecule() {
        return new Structure(new int[] {6, 8, 1, 1, 1}, new double[] {
            0.00, 0.00, 0.00,
            1.42, 0.03, -0.02,
            -0.37, 1.03, 0.06,
            -0.39, -0.49, 0.90,
            -0.34, -0.54, -0.88});
    }

    /** {@code count} geometries displaced from the reference by Gaussian noise of width {@code sigma} Å. */
    public static Structure[] samples(Structure reference, int count, double sigma, long seed) {
        Random rng = new Random(seed);
        Structure[] out = new Structure[count];
        double[] p0 = reference.positions();
        for (int s = 0; s < count; s++) {
            double[] p = p0.clone();
            for (int c = 0; c < p.length; c++) p[c] += sigma * rng.nextGaussian();
            out[s] = reference.withPositions(p);
        }
        return out;
    }

    private double depth(int i, int j) {
        double r0 = distance(reference, i, j);
        return r0 < 1.6 ? 4.0 : 0.3;
    }

    private static double distance(double[] p, int i, int j) {
        double dx = p[3 * i] - p[3 * j], dy = p[3 * i + 1] - p[3 * j + 1], dz = p[3 * i + 2] - p[3 * j + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    @Override
    public double compute(Structure s, double[] forces, double[] atomEnergies) {
        double[] p = s.positions();
        int n = s.size();
        if (forces != null) java.util.Arrays.fill(forces, 0);
        if (atomEnergies != null) java.util.Arrays.fill(atomEnergies, 0);
        double e = 0, alpha = 1.8;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double r = distance(p, i, j), r0 = distance(reference, i, j), d = depth(i, j);
                double x = Math.exp(-alpha * (r - r0));
                double eij = d * (1 - x) * (1 - x) - d;
                e += eij;
                if (atomEnergies != null) {
                    atomEnergies[i] += eij / 2;
                    atomEnergies[j] += eij / 2;
                }
                if (forces != null) {
                    double dEdr = 2 * d * (1 - x) * alpha * x;
                    for (int c = 0; c < 3; c++) {
                        double u = (p[3 * j + c] - p[3 * i + c]) / r;
                        forces[3 * j + c] -= dEdr * u;
                        forces[3 * i + c] += dEdr * u;
                    }
                }
            }
        }
        return e;
    }

    @Override
    public boolean covers(int atomicNumber) {
        for (int z : species) if (z == atomicNumber) return true;
        return false;
    }

    @Override
    public String name() { return "morse-network"; }

    /** A random proper rotation matrix (row-major 3×3) from a unit quaternion. */
    public static double[] randomRotation(Random rng) {
        double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian(), d = rng.nextGaussian();
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        a /= n; b /= n; c /= n; d /= n;
        return new double[] {
            a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
            2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b),
            2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d};
    }

    /** Positions rotated by {@code rot} and shifted by {@code shift}. */
    public static double[] transform(double[] p, double[] rot, double[] shift) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length / 3; i++) {
            for (int r = 0; r < 3; r++) {
                out[3 * i + r] = rot[3 * r] * p[3 * i] + rot[3 * r + 1] * p[3 * i + 1] + rot[3 * r + 2] * p[3 * i + 2] + shift[r];
            }
        }
        return out;
    }
}
