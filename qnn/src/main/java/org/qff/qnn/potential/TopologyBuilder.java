package org.qff.qnn.potential;

import java.util.ArrayList;
import java.util.List;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.neighbors.MinimumDistance;

/**
 * Builds a {@link BondedTopology} whose minimum is a given reference geometry: bond lengths and
 * angles are taken from the reference, bonds either given or detected from covalent radii.
 *
 * <p>Parameters are order-of-magnitude values for organic molecules, meant for a reference
 * potential that is stable in MD, not for chemistry: Morse depth D from typical single-bond
 * dissociation energies (C–H 4.3, O–H 4.6, N–H 4.0, C–C 3.6, C–O 3.7, C–N 3.2 eV, else 3.5 eV),
 * width a = 2 Å⁻¹ (stretch constants 2Da² ≈ 29–37 eV/Å², those of real C–H and C–C bonds),
 * angle stiffness k = 3.5 eV in (cos θ − cos θ0)² (≈ 3 eV/rad² near tetrahedral angles), and
 * repulsion ε = 0.05 eV, σ = sum of covalent radii between atoms more than two bonds apart.
 */
public final class TopologyBuilder {
    /** A pair is bonded when closer than this multiple of the sum of covalent radii. */
    public static final double BOND_FACTOR = 1.2;
    public static final double MORSE_WIDTH = 2.0;
    public static final double ANGLE_STIFFNESS = 3.5;
    public static final double REPULSION_EPSILON = 0.05;
    private static final double DEFAULT_DEPTH = 3.5;

    private TopologyBuilder() {}

    /** Bonds detected where two atoms are closer than 1.2 × the sum of their covalent radii. */
    public static BondedTopology fromReference(Structure reference) {
        return fromConnectivity(reference, detectBonds(reference, BOND_FACTOR));
    }

    /** Pairs closer than {@code factor} × the sum of covalent radii, i &lt; j, in order. */
    public static int[][] detectBonds(Structure s, double factor) {
        requireIsolated(s);
        List<int[]> bonds = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                double limit = factor * (Elements.covalentRadius(s.atomicNumber(i)) + Elements.covalentRadius(s.atomicNumber(j)));
                if (distance(s, i, j) < limit) bonds.add(new int[] {i, j});
            }
        }
        return bonds.toArray(new int[0][]);
    }

    /**
     * Morse bonds for the given pairs, an angle for every two bonds sharing an atom, and a
     * repulsion for every pair not connected by one or two bonds; lengths and angles from the
     * reference.
     */
    public static BondedTopology fromConnectivity(Structure reference, int[][] bondPairs) {
        requireIsolated(reference);
        MinimumDistance.check(reference);
        int n = reference.size();
        boolean[][] bonded = new boolean[n][n];
        List<MorseBond> bonds = new ArrayList<>();
        for (int[] p : bondPairs) {
            if (p.length != 2) throw new IllegalArgumentException("a bond is a pair of atom indices, got " + java.util.Arrays.toString(p));
            int i = p[0], j = p[1];
            if (i < 0 || j < 0 || i >= n || j >= n || i == j) {
                throw new IllegalArgumentException("bond " + i + "-" + j + " is not a pair of distinct atoms of the " + n + "-atom structure");
            }
            if (bonded[i][j]) throw new IllegalArgumentException("bond " + i + "-" + j + " is listed twice");
            bonded[i][j] = bonded[j][i] = true;
            bonds.add(new MorseBond(i, j, depth(reference.atomicNumber(i), reference.atomicNumber(j)), MORSE_WIDTH, distance(reference, i, j)));
        }
        List<HarmonicAngle> angles = new ArrayList<>();
        boolean[][] within2 = new boolean[n][n];
        for (int c = 0; c < n; c++) {
            for (int a = 0; a < n; a++) {
                if (!bonded[c][a]) continue;
                for (int b = a + 1; b < n; b++) {
                    if (!bonded[c][b]) continue;
                    angles.add(new HarmonicAngle(a, c, b, ANGLE_STIFFNESS, cosAngle(reference, a, c, b)));
                    within2[a][b] = within2[b][a] = true;
                }
            }
        }
        List<PairRepulsion> repulsions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (bonded[i][j] || within2[i][j]) continue;
                double sigma = Elements.covalentRadius(reference.atomicNumber(i)) + Elements.covalentRadius(reference.atomicNumber(j));
                repulsions.add(new PairRepulsion(i, j, REPULSION_EPSILON, sigma));
            }
        }
        return new BondedTopology(reference.atomicNumbers(), bonds, angles, repulsions);
    }

    /** Typical single-bond dissociation energy (eV) for the element pair. */
    static double depth(int za, int zb) {
        int lo = Math.min(za, zb), hi = Math.max(za, zb);
        return switch (lo * 100 + hi) {
            case 106 -> 4.3; // H–C
            case 107 -> 4.0; // H–N
            case 108 -> 4.6; // H–O
            case 606 -> 3.6; // C–C
            case 607 -> 3.2; // C–N
            case 608 -> 3.7; // C–O
            default -> DEFAULT_DEPTH;
        };
    }

    private static void requireIsolated(Structure s) {
        if (s.isPeriodic()) throw new IllegalArgumentException("bonded topologies are for isolated molecules; the reference structure is periodic");
    }

    private static double distance(Structure s, int i, int j) {
        double dx = s.x(j) - s.x(i), dy = s.y(j) - s.y(i), dz = s.z(j) - s.z(i);
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static double cosAngle(Structure s, int a, int c, int b) {
        double ux = s.x(a) - s.x(c), uy = s.y(a) - s.y(c), uz = s.z(a) - s.z(c);
        double vx = s.x(b) - s.x(c), vy = s.y(b) - s.y(c), vz = s.z(b) - s.z(c);
        double cos = (ux * vx + uy * vy + uz * vz) / Math.sqrt((ux * ux + uy * uy + uz * uz) * (vx * vx + vy * vy + vz * vz));
        return Math.max(-1, Math.min(1, cos));
    }
}
