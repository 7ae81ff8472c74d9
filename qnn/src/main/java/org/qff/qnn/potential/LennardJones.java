package org.qff.qnn.potential;

import org.qff.qnn.atoms.Structure;

/**
 * Lennard-Jones 12-6 for all pairs of an isolated cluster (no cutoff, no periodicity), one ε and σ
 * for every species: a reference potential for tests, MD and FFI, not a model of real molecules.
 * The default parameters are argon's (ε = 0.0104 eV, σ = 3.40 Å).
 */
public final class LennardJones implements Potential {
    public static final double ARGON_EPSILON = 0.0104;
    public static final double ARGON_SIGMA = 3.40;
    /** Closer than this the 12-power term is nonsense for any use of this potential. */
    private static final double MIN_DISTANCE = 0.1;

    private final double epsilon;
    private final double sigma;

    public LennardJones(double epsilon, double sigma) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        this.epsilon = epsilon;
        this.sigma = sigma;
    }

    public static LennardJones argon() {
        return new LennardJones(ARGON_EPSILON, ARGON_SIGMA);
    }

    public double epsilon() { return epsilon; }

    public double sigma() { return sigma; }

    @Override
    public double compute(Structure s, double[] forces, double[] atomEnergies) {
        if (s.isPeriodic()) throw new IllegalArgumentException("lennard-jones here is for isolated clusters; the structure is periodic");
        int n = s.size();
        if (forces != null) java.util.Arrays.fill(forces, 0, 3 * n, 0.0);
        if (atomEnergies != null) java.util.Arrays.fill(atomEnergies, 0, n, 0.0);
        double energy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = s.x(j) - s.x(i), dy = s.y(j) - s.y(i), dz = s.z(j) - s.z(i);
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < MIN_DISTANCE * MIN_DISTANCE) {
                    throw new IllegalArgumentException("atoms " + i + " and " + j + " are " + Math.sqrt(r2) + " Å apart (closer than " + MIN_DISTANCE + " Å)");
                }
                energy += LennardJonesPair.add(epsilon, sigma, 0.0, i, j, dx, dy, dz, forces, atomEnergies);
            }
        }
        return energy;
    }

    @Override
    public boolean covers(int atomicNumber) {
        return true;
    }

    @Override
    public String name() {
        return "lennard-jones";
    }
}
