package org.qff.md;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;
import org.qff.qnn.potential.Potential;

/** Small systems with known answers for MD and optimiser tests. */
public final class TestSystems {
    private TestSystems() {}

    /** The golden ratio: icosahedron vertices are the cyclic permutations of (0, ±1, ±φ). */
    private static final double PHI = (1 + Math.sqrt(5)) / 2;

    /** A centred 13-atom icosahedron of argon with nearest-neighbour distance {@code r} (Å). */
    public static Structure icosahedron(int z, double r) {
        double[] pos = new double[39];
        int k = 3; // atom 0 at the origin
        // vertices (0, ±1, ±φ) have edge 2 and radius sqrt(1+φ²); the centre–vertex distance is set to ≈ r
        double scale = r / Math.sqrt(1 + PHI * PHI);
        for (int perm = 0; perm < 3; perm++) {
            for (int s1 = -1; s1 <= 1; s1 += 2) {
                for (int s2 = -1; s2 <= 1; s2 += 2) {
                    double[] v = {0, s1, s2 * PHI};
                    pos[k + perm % 3] = scale * v[0];
                    pos[k + (perm + 1) % 3] = scale * v[1];
                    pos[k + (perm + 2) % 3] = scale * v[2];
                    k += 3;
                }
            }
        }
        int[] zs = new int[13];
        java.util.Arrays.fill(zs, z);
        return new Structure(zs, pos);
    }

    public static Structure argon13() {
        return icosahedron(18, 3.7);
    }

    /** A bent H–O–H-like triatomic held together by {@link HarmonicBonds}. */
    public static Structure water() {
        return new Structure(new int[] {8, 1, 1}, new double[] {0, 0, 0.1173, 0, 0.7572, -0.4692, 0, -0.7572, -0.4692});
    }

    /**
     * A private test potential: harmonic springs ½k(r − r₀)² between listed pairs, plus nothing
     * else. Rotation- and translation-invariant, so it binds a molecule without the colleague's
     * classical potentials.
     */
    public record HarmonicBonds(int[][] pairs, double[] r0, double k) implements Potential {
        /** Springs between every pair of {@code s}'s atoms, at their current lengths (its minimum). */
        public static HarmonicBonds allPairsOf(Structure s, double k) {
            int n = s.size();
            int m = n * (n - 1) / 2;
            int[][] pairs = new int[m][];
            double[] r0 = new double[m];
            int c = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    pairs[c] = new int[] {i, j};
                    double dx = s.x(j) - s.x(i), dy = s.y(j) - s.y(i), dz = s.z(j) - s.z(i);
                    r0[c++] = Math.sqrt(dx * dx + dy * dy + dz * dz);
                }
            }
            return new HarmonicBonds(pairs, r0, k);
        }

        @Override
        public double compute(Structure s, double[] forces, double[] atomEnergies) {
            if (forces != null) java.util.Arrays.fill(forces, 0.0);
            if (atomEnergies != null) java.util.Arrays.fill(atomEnergies, 0.0);
            double e = 0;
            for (int b = 0; b < pairs.length; b++) {
                int i = pairs[b][0], j = pairs[b][1];
                double dx = s.x(j) - s.x(i), dy = s.y(j) - s.y(i), dz = s.z(j) - s.z(i);
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                double dr = r - r0[b];
                e += 0.5 * k * dr * dr;
                if (atomEnergies != null) {
                    atomEnergies[i] += 0.25 * k * dr * dr;
                    atomEnergies[j] += 0.25 * k * dr * dr;
                }
                if (forces != null) {
                    double c = -k * dr / r; // force on j along +r_ij
                    forces[3 * j] += c * dx;
                    forces[3 * j + 1] += c * dy;
                    forces[3 * j + 2] += c * dz;
                    forces[3 * i] -= c * dx;
                    forces[3 * i + 1] -= c * dy;
                    forces[3 * i + 2] -= c * dz;
                }
            }
            return e;
        }

        @Override
        public boolean covers(int atomicNumber) {
            return atomicNumber == 1 || atomicNumber == 8;
        }

        @Override
        public String name() {
            return "test-harmonic-bonds";
        }
    }

    /** Zero energy and force everywhere: measures what the integrator itself costs. */
    public static final Potential ZERO = new Potential() {
        @Override
        public double compute(Structure s, double[] forces, double[] atomEnergies) {
            if (forces != null) java.util.Arrays.fill(forces, 0.0);
            if (atomEnergies != null) java.util.Arrays.fill(atomEnergies, 0.0);
            return 0;
        }

        @Override
        public boolean covers(int atomicNumber) { return true; }

        @Override
        public String name() { return "zero"; }
    };

    /** Highest angular frequency (1/fs) of the cluster's normal modes at its start geometry, from a finite-difference Hessian. */
    static double highestFrequencyOfArgon13() {
        MdSystem s = new MdSystem(argon13(), LennardJones.argon(), MomentumConstraints.NONE);
        int n3 = s.positions.length;
        double h = 1e-4;
        org.ejml.simple.SimpleMatrix hess = new org.ejml.simple.SimpleMatrix(n3, n3);
        double[] fp = new double[n3], fm = new double[n3];
        var lj = LennardJones.argon();
        var st = s.structure();
        for (int a = 0; a < n3; a++) {
            double[] x = st.positions();
            x[a] += h;
            lj.compute(st.withPositions(x), fp, null);
            x[a] -= 2 * h;
            lj.compute(st.withPositions(x), fm, null);
            for (int b = 0; b < n3; b++) {
                double mw = Math.sqrt(s.mass(a / 3) * s.mass(b / 3)) * org.qff.qnn.atoms.Units.AMU_A2_PER_FS2;
                hess.set(a, b, -(fp[b] - fm[b]) / (2 * h) / mw);
            }
        }
        hess = hess.plus(hess.transpose()).scale(0.5);
        double max = 0;
        var evd = hess.eig();
        for (int k = 0; k < n3; k++) max = Math.max(max, evd.getEigenvalue(k).getReal());
        return Math.sqrt(max);
    }

}
