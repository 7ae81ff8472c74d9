package org.qff.qnn.potential;

import java.util.Arrays;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.neighbors.MinimumDistance;

/**
 * A classical bonded potential for one molecule: Morse bonds, cosine-harmonic angles and a weak
 * r⁻¹² repulsion between atoms more than two bonds apart (see {@link BondedTopology}). A
 * reference for tests, MD and the FFI bridges while no QNN model is at hand; it describes
 * vibrations around one geometry, not chemistry (no torsions, charges or dispersion).
 *
 * <p>The structure must have the topology's atoms in the topology's order. Energies are zero at
 * the reference geometry up to the tiny repulsion. Per-atom energies split each term equally
 * among its atoms.
 *
 * <p>Thread-safe: immutable, and {@link #compute} uses only local variables (no allocation).
 */
public final class BondedPotential implements Potential {
    public static final String TYPE = "classical-bonded";

    private final BondedTopology topology;
    private final boolean[] species = new boolean[128];
    // Flattened terms: compute runs over primitive arrays, not records.
    private final int[] bondI, bondJ;
    private final double[] bondD, bondA, bondR0;
    private final int[] angI, angJ, angK;
    private final double[] angStiff, angCos0;
    private final int[] repI, repJ;
    private final double[] repEps, repSigma;

    public BondedPotential(BondedTopology topology) {
        this.topology = topology;
        for (int z : topology.atomicNumbers()) species[z] = true;
        int nb = topology.bonds().size();
        bondI = new int[nb];
        bondJ = new int[nb];
        bondD = new double[nb];
        bondA = new double[nb];
        bondR0 = new double[nb];
        for (int t = 0; t < nb; t++) {
            MorseBond b = topology.bonds().get(t);
            bondI[t] = b.i();
            bondJ[t] = b.j();
            bondD[t] = b.depth();
            bondA[t] = b.width();
            bondR0[t] = b.length();
        }
        int na = topology.angles().size();
        angI = new int[na];
        angJ = new int[na];
        angK = new int[na];
        angStiff = new double[na];
        angCos0 = new double[na];
        for (int t = 0; t < na; t++) {
            HarmonicAngle a = topology.angles().get(t);
            angI[t] = a.i();
            angJ[t] = a.j();
            angK[t] = a.k();
            angStiff[t] = a.stiffness();
            angCos0[t] = a.cosEquilibrium();
        }
        int np = topology.repulsions().size();
        repI = new int[np];
        repJ = new int[np];
        repEps = new double[np];
        repSigma = new double[np];
        for (int t = 0; t < np; t++) {
            PairRepulsion p = topology.repulsions().get(t);
            repI[t] = p.i();
            repJ[t] = p.j();
            repEps[t] = p.epsilon();
            repSigma[t] = p.sigma();
        }
    }

    /** A potential whose minimum is the reference geometry, bonds detected from covalent radii. */
    public static BondedPotential fromReference(Structure reference) {
        return new BondedPotential(TopologyBuilder.fromReference(reference));
    }

    /** A potential whose minimum is the reference geometry, with the given bonded pairs. */
    public static BondedPotential fromConnectivity(Structure reference, int[][] bonds) {
        return new BondedPotential(TopologyBuilder.fromConnectivity(reference, bonds));
    }

    public BondedTopology topology() { return topology; }

    @Override
    public double compute(Structure s, double[] forces, double[] atomEnergies) {
        checkMatches(s);
        MinimumDistance.check(s);
        int n = s.size();
        if (forces != null) Arrays.fill(forces, 0, 3 * n, 0.0);
        if (atomEnergies != null) Arrays.fill(atomEnergies, 0, n, 0.0);
        double energy = 0;
        for (int t = 0; t < bondI.length; t++) {
            int i = bondI[t], j = bondJ[t];
            double dx = s.x(j) - s.x(i), dy = s.y(j) - s.y(i), dz = s.z(j) - s.z(i);
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
            double x = Math.exp(-bondA[t] * (r - bondR0[t]));
            double e = bondD[t] * (1 - x) * (1 - x);
            energy += e;
            if (atomEnergies != null) {
                atomEnergies[i] += e / 2;
                atomEnergies[j] += e / 2;
            }
            if (forces != null) {
                double dEdrOverR = 2 * bondD[t] * (1 - x) * bondA[t] * x / r;
                addPair(forces, i, j, dEdrOverR, dx, dy, dz);
            }
        }
        for (int t = 0; t < angI.length; t++) {
            int i = angI[t], j = angJ[t], k = angK[t];
            double ux = s.x(i) - s.x(j), uy = s.y(i) - s.y(j), uz = s.z(i) - s.z(j);
            double vx = s.x(k) - s.x(j), vy = s.y(k) - s.y(j), vz = s.z(k) - s.z(j);
            double uu = ux * ux + uy * uy + uz * uz, vv = vx * vx + vy * vy + vz * vz;
            double inv = 1 / Math.sqrt(uu * vv);
            double cos = (ux * vx + uy * vy + uz * vz) * inv;
            double dc = cos - angCos0[t];
            double e = 0.5 * angStiff[t] * dc * dc;
            energy += e;
            if (atomEnergies != null) {
                atomEnergies[i] += e / 3;
                atomEnergies[j] += e / 3;
                atomEnergies[k] += e / 3;
            }
            if (forces != null) {
                // ∂cos/∂u = v/(|u||v|) − cos·u/|u|², ∂cos/∂v likewise; F = −k Δcos ∂cos/∂r.
                double g = -angStiff[t] * dc;
                double fix = g * (vx * inv - cos * ux / uu), fiy = g * (vy * inv - cos * uy / uu), fiz = g * (vz * inv - cos * uz / uu);
                double fkx = g * (ux * inv - cos * vx / vv), fky = g * (uy * inv - cos * vy / vv), fkz = g * (uz * inv - cos * vz / vv);
                forces[3 * i] += fix;
                forces[3 * i + 1] += fiy;
                forces[3 * i + 2] += fiz;
                forces[3 * k] += fkx;
                forces[3 * k + 1] += fky;
                forces[3 * k + 2] += fkz;
                forces[3 * j] -= fix + fkx;
                forces[3 * j + 1] -= fiy + fky;
                forces[3 * j + 2] -= fiz + fkz;
            }
        }
        for (int t = 0; t < repI.length; t++) {
            int i = repI[t], j = repJ[t];
            double dx = s.x(j) - s.x(i), dy = s.y(j) - s.y(i), dz = s.z(j) - s.z(i);
            double r2 = dx * dx + dy * dy + dz * dz;
            double sr2 = repSigma[t] * repSigma[t] / r2;
            double sr6 = sr2 * sr2 * sr2;
            double e = repEps[t] * sr6 * sr6;
            energy += e;
            if (atomEnergies != null) {
                atomEnergies[i] += e / 2;
                atomEnergies[j] += e / 2;
            }
            if (forces != null) addPair(forces, i, j, -12 * e / r2, dx, dy, dz);
        }
        return energy;
    }

    /** Adds the forces of a pair term with dE/dr / r given, r_ij = (dx, dy, dz) from i to j. */
    private static void addPair(double[] f, int i, int j, double dEdrOverR, double dx, double dy, double dz) {
        f[3 * j] -= dEdrOverR * dx;
        f[3 * j + 1] -= dEdrOverR * dy;
        f[3 * j + 2] -= dEdrOverR * dz;
        f[3 * i] += dEdrOverR * dx;
        f[3 * i + 1] += dEdrOverR * dy;
        f[3 * i + 2] += dEdrOverR * dz;
    }

    private void checkMatches(Structure s) {
        if (s.isPeriodic()) throw new IllegalArgumentException("potential " + TYPE + " is for isolated molecules; the structure is periodic");
        if (s.size() != topology.size()) {
            throw new IllegalArgumentException("potential " + TYPE + " is for a " + topology.size() + "-atom molecule, the structure has " + s.size() + " atoms");
        }
        for (int i = 0; i < s.size(); i++) {
            if (s.atomicNumber(i) != topology.atomicNumber(i)) {
                throw new IllegalArgumentException("atom " + i + " is " + Elements.symbol(s.atomicNumber(i)) + " but potential " + TYPE
                        + " expects " + Elements.symbol(topology.atomicNumber(i)) + " there (atoms must come in the topology's order)");
            }
        }
    }

    /** True for the species of the molecule; the potential still needs them in its order. */
    @Override
    public boolean covers(int atomicNumber) {
        return atomicNumber >= 0 && atomicNumber < species.length && species[atomicNumber];
    }

    @Override
    public String name() {
        return TYPE;
    }
}
