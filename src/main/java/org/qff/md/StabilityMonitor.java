package org.qff.md;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches a run for the signs that a potential (or the time step) is failing: non-finite numbers,
 * a bond of the starting structure stretched beyond {@code bondStretchFactor} times its starting
 * length, two atoms closer than {@code minDistance}, or the conserved energy drifting more than
 * {@code maxDriftPerAtom}·N from its starting value (NVE and Nosé–Hoover only: Langevin's heat
 * bookkeeping is a diagnostic, not a conservation law of the exact dynamics). Bonds are the pairs
 * closer than 1.25 × the sum of covalent radii at the start (positions are never wrapped, so a
 * bond keeps its image); close contacts in a periodic cell use the minimum image.
 */
public final class StabilityMonitor {

    /** The thresholds; {@link #defaults()} are generous enough never to stop a healthy run. */
    public record Limits(double bondStretchFactor, double minDistance, double maxDriftPerAtom) {
        public Limits {
            if (!(bondStretchFactor > 1) || !Double.isFinite(bondStretchFactor)) {
                throw new IllegalArgumentException("bond stretch factor must be > 1, got " + bondStretchFactor);
            }
            if (!(minDistance >= 0) || !Double.isFinite(minDistance)) {
                throw new IllegalArgumentException("minimum distance must be >= 0 Å, got " + minDistance);
            }
            if (!(maxDriftPerAtom > 0)) throw new IllegalArgumentException("maximum drift must be > 0 eV/atom, got " + maxDriftPerAtom);
        }

        public static Limits defaults() {
            return new Limits(2.0, 0.5, 0.05);
        }
    }

    private static final double BOND_TOLERANCE = 1.25;

    private final Limits limits;
    private final int[] bondI;
    private final int[] bondJ;
    private final double[] bondLength;
    private final double referenceEnergy;
    private final boolean checkDrift;
    /** Rows: lattice vectors; columns of the inverse: reciprocal vectors (null for isolated systems). */
    private final double[][] lattice;
    private final double[][] inverse;

    /**
     * @param reference the geometry whose bonds are watched (the run's starting structure)
     * @param referenceEnergy the conserved energy at the start of the run
     */
    public StabilityMonitor(Limits limits, MdSystem system, double[] reference, double referenceEnergy, Ensemble ensemble) {
        this.limits = limits;
        this.referenceEnergy = referenceEnergy;
        this.checkDrift = ensemble != Ensemble.LANGEVIN;
        this.lattice = system.cell() == null ? null : system.cell().matrix();
        this.inverse = lattice == null ? null : invert(lattice);
        List<int[]> pairs = new ArrayList<>();
        List<Double> lengths = new ArrayList<>();
        int n = system.size();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double r = distance(reference, i, j);
                double cutoff = BOND_TOLERANCE * (org.qff.qnn.atoms.Elements.covalentRadius(system.atomicNumber(i)) + org.qff.qnn.atoms.Elements.covalentRadius(system.atomicNumber(j)));
                if (r < cutoff) {
                    pairs.add(new int[] {i, j});
                    lengths.add(r);
                }
            }
        }
        bondI = pairs.stream().mapToInt(p -> p[0]).toArray();
        bondJ = pairs.stream().mapToInt(p -> p[1]).toArray();
        bondLength = lengths.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public int bondCount() { return bondI.length; }

    public double referenceEnergy() { return referenceEnergy; }

    /** The first failed check for the system's current state, or null when it looks healthy. */
    public Instability check(MdSystem s, double conservedEnergy, double timeFs) {
        int n = s.size();
        if (!Double.isFinite(s.potentialEnergy)) {
            return new Instability(s.step, timeFs, "non-finite potential energy", new int[0], "E = " + s.potentialEnergy + " eV");
        }
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                int k = 3 * i + d;
                if (!Double.isFinite(s.positions[k]) || !Double.isFinite(s.velocities[k]) || !Double.isFinite(s.forces[k])) {
                    return new Instability(s.step, timeFs, "non-finite number", new int[] {i},
                            "position " + s.positions[k] + " Å, velocity " + s.velocities[k] + " Å/fs, force " + s.forces[k] + " eV/Å ("
                                    + "xyz".charAt(d) + ")");
                }
            }
        }
        double floor2 = limits.minDistance() * limits.minDistance();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = s.positions[3 * j] - s.positions[3 * i];
                double dy = s.positions[3 * j + 1] - s.positions[3 * i + 1];
                double dz = s.positions[3 * j + 2] - s.positions[3 * i + 2];
                double r2 = lattice == null ? dx * dx + dy * dy + dz * dz : minimumImage2(dx, dy, dz);
                if (r2 < floor2) {
                    return new Instability(s.step, timeFs, "atoms too close", new int[] {i, j},
                            String.format("distance %.4f Å < floor %.4f Å", Math.sqrt(r2), limits.minDistance()));
                }
            }
        }
        for (int b = 0; b < bondI.length; b++) {
            double r = distance(s.positions, bondI[b], bondJ[b]);
            if (r > limits.bondStretchFactor() * bondLength[b]) {
                return new Instability(s.step, timeFs, "bond stretched", new int[] {bondI[b], bondJ[b]},
                        String.format("length %.4f Å > %.2f × starting %.4f Å", r, limits.bondStretchFactor(), bondLength[b]));
            }
        }
        if (checkDrift) {
            if (!Double.isFinite(conservedEnergy)) {
                return new Instability(s.step, timeFs, "non-finite conserved energy", new int[0], "E = " + conservedEnergy + " eV");
            }
            double drift = conservedEnergy - referenceEnergy;
            if (Math.abs(drift) > limits.maxDriftPerAtom() * n) {
                return new Instability(s.step, timeFs, "energy drift", new int[0],
                        String.format("conserved energy moved %.6g eV from %.6f eV (bound %.4g eV = %.4g eV/atom × %d atoms)", drift,
                                referenceEnergy, limits.maxDriftPerAtom() * n, limits.maxDriftPerAtom(), n));
            }
        }
        return null;
    }

    /**
     * Squared length of the shortest periodic image of (dx, dy, dz): the fractional components are
     * wrapped to [−½, ½), which is exact for orthorhombic cells and for the moderately skewed cells
     * MD uses; neighbouring images are also tried so strongly skewed cells are not missed.
     */
    private double minimumImage2(double dx, double dy, double dz) {
        double[] f = new double[3];
        for (int k = 0; k < 3; k++) {
            f[k] = dx * inverse[0][k] + dy * inverse[1][k] + dz * inverse[2][k];
            f[k] -= Math.floor(f[k] + 0.5);
        }
        double best = Double.MAX_VALUE;
        for (int a = -1; a <= 1; a++) {
            for (int b = -1; b <= 1; b++) {
                for (int c = -1; c <= 1; c++) {
                    double fa = f[0] + a, fb = f[1] + b, fc = f[2] + c;
                    double x = fa * lattice[0][0] + fb * lattice[1][0] + fc * lattice[2][0];
                    double y = fa * lattice[0][1] + fb * lattice[1][1] + fc * lattice[2][1];
                    double z = fa * lattice[0][2] + fb * lattice[1][2] + fc * lattice[2][2];
                    best = Math.min(best, x * x + y * y + z * z);
                }
            }
        }
        return best;
    }

    /** Inverse of a 3×3 matrix whose rows are lattice vectors: r = f·L, so f = r·L⁻¹. */
    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inv = new double[3][3];
        inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
        inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
        inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
        inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
        inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
        inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
        inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
        inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
        inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
        return inv;
    }

    private static double distance(double[] x, int i, int j) {
        double dx = x[3 * j] - x[3 * i], dy = x[3 * j + 1] - x[3 * i + 1], dz = x[3 * j + 2] - x[3 * i + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
