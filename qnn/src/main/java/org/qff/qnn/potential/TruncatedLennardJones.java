package org.qff.qnn.potential;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.neighbors.MinimumDistance;
import org.qff.qnn.neighbors.NeighborList;

/**
 * Lennard-Jones 12-6 truncated at a cutoff r_c and shifted so that each pair's energy is zero
 * there (LAMMPS {@code lj/cut} with {@code pair_modify shift yes}): the energy is continuous,
 * the force jumps by 24ε(2(σ/r_c)¹² − (σ/r_c)⁶)/r_c at r_c (tiny for r_c ≥ 2.5σ). Works for
 * isolated clusters and periodic cells (minimum image; r_c must be below half of every cell
 * height).
 *
 * <p>Thread-safe: each thread gets its own neighbour list.
 */
public final class TruncatedLennardJones implements Potential {
    private final double epsilon;
    private final double sigma;
    private final double cutoff;
    private final double shift;
    private final ThreadLocal<NeighborList> lists;

    public TruncatedLennardJones(double epsilon, double sigma, double cutoff) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        if (!(cutoff > sigma) || !Double.isFinite(cutoff)) throw new IllegalArgumentException("cutoff must be finite and above sigma " + sigma + ", got " + cutoff);
        this.epsilon = epsilon;
        this.sigma = sigma;
        this.cutoff = cutoff;
        double sr6 = Math.pow(sigma / cutoff, 6);
        this.shift = 4 * epsilon * (sr6 * sr6 - sr6);
        this.lists = ThreadLocal.withInitial(() -> new NeighborList(cutoff));
    }

    public double epsilon() { return epsilon; }

    public double sigma() { return sigma; }

    public double cutoff() { return cutoff; }

    @Override
    public double compute(Structure s, double[] forces, double[] atomEnergies) {
        MinimumDistance.check(s);
        int n = s.size();
        if (forces != null) java.util.Arrays.fill(forces, 0, 3 * n, 0.0);
        if (atomEnergies != null) java.util.Arrays.fill(atomEnergies, 0, n, 0.0);
        NeighborList list = lists.get();
        list.build(s);
        double energy = 0;
        for (int i = 0; i < n; i++) {
            for (int k = list.start(i); k < list.end(i); k++) {
                int j = list.neighbor(k);
                if (j < i) continue; // the full list holds each pair twice
                energy += LennardJonesPair.add(epsilon, sigma, shift, i, j, list.dx(k), list.dy(k), list.dz(k), forces, atomEnergies);
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
