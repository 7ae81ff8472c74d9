package org.qff.qnn.potential;

/**
 * The 12-6 pair term shared by {@link LennardJones} (all pairs) and {@link TruncatedLennardJones}
 * (pairs within a cutoff, shifted): energy 4ε((σ/r)¹² − (σ/r)⁶) − shift, split evenly between the
 * two atoms, and the pair force along r_ij = r_j − r_i.
 */
final class LennardJonesPair {
    private LennardJonesPair() {}

    /** Adds the pair (i, j) with displacement (dx, dy, dz) to forces and atom energies (either may be null); returns its energy. */
    static double add(double epsilon, double sigma, double shift, int i, int j, double dx, double dy, double dz,
                      double[] forces, double[] atomEnergies) {
        double r2 = dx * dx + dy * dy + dz * dz;
        double sr2 = sigma * sigma / r2;
        double sr6 = sr2 * sr2 * sr2;
        double e = 4 * epsilon * (sr6 * sr6 - sr6) - shift;
        if (atomEnergies != null) {
            atomEnergies[i] += e / 2;
            atomEnergies[j] += e / 2;
        }
        if (forces != null) {
            // −dE/dr · r̂: force on j along +r_ij, on i along −r_ij
            double fOverR = 24 * epsilon * (2 * sr6 * sr6 - sr6) / r2;
            forces[3 * j] += fOverR * dx;
            forces[3 * j + 1] += fOverR * dy;
            forces[3 * j + 2] += fOverR * dz;
            forces[3 * i] -= fOverR * dx;
            forces[3 * i + 1] -= fOverR * dy;
            forces[3 * i + 2] -= fOverR * dz;
        }
        return e;
    }
}
