package org.qff.qnn.data;

import java.util.Arrays;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;

/**
 * Labelled frames of one molecule: atomic numbers (the same for every frame), positions (Å),
 * total energies (eV) and forces (eV/Å). Immutable; construction checks shapes and that every
 * number is finite, naming the dataset, field, frame and atom of the first bad value.
 *
 * <p>Per-frame arrays are flat: positions and forces of frame k are x0 y0 z0 x1 … (3N numbers).
 */
public final class Dataset {
    private final String name;
    private final int[] atomicNumbers;
    private final double[][] positions;
    private final double[] energies;
    private final double[][] forces;

    /**
     * @param name where the data came from (a file name), used in messages
     * @throws IllegalArgumentException on inconsistent shapes, unknown elements or non-finite values
     */
    public Dataset(String name, int[] atomicNumbers, double[][] positions, double[] energies, double[][] forces) {
        this(name, atomicNumbers, positions, energies, forces, true);
    }

    /**
     * Readers and subsets hand over arrays nobody else holds (or frames of another immutable
     * dataset): no copy, which matters for the 100 000-frame archive files.
     */
    static Dataset adopt(String name, int[] atomicNumbers, double[][] positions, double[] energies, double[][] forces) {
        return new Dataset(name, atomicNumbers, positions, energies, forces, false);
    }

    private Dataset(String name, int[] atomicNumbers, double[][] positions, double[] energies, double[][] forces, boolean copy) {
        this.name = name;
        int n = atomicNumbers.length;
        int frames = energies.length;
        if (positions.length != frames || forces.length != frames) {
            throw new IllegalArgumentException(name + ": " + frames + " energies but " + positions.length + " position frames and " + forces.length + " force frames");
        }
        for (int a = 0; a < n; a++) {
            if (!Elements.isKnown(atomicNumbers[a])) throw new IllegalArgumentException(name + ": nuclear_charges[" + a + "] = " + atomicNumbers[a] + " is not a known element");
        }
        for (int k = 0; k < frames; k++) {
            if (positions[k].length != 3 * n) throw new IllegalArgumentException(name + ": coords frame " + k + " has " + positions[k].length + " numbers for " + n + " atoms");
            if (forces[k].length != 3 * n) throw new IllegalArgumentException(name + ": forces frame " + k + " has " + forces[k].length + " numbers for " + n + " atoms");
            if (!Double.isFinite(energies[k])) throw new IllegalArgumentException(name + ": energies[" + k + "] is " + energies[k]);
            for (int c = 0; c < 3 * n; c++) {
                if (!Double.isFinite(positions[k][c])) throw new IllegalArgumentException(name + ": coords[" + k + "][" + c / 3 + "][" + c % 3 + "] is " + positions[k][c]);
                if (!Double.isFinite(forces[k][c])) throw new IllegalArgumentException(name + ": forces[" + k + "][" + c / 3 + "][" + c % 3 + "] is " + forces[k][c]);
            }
        }
        this.atomicNumbers = atomicNumbers.clone();
        this.positions = copy ? deepCopy(positions) : positions;
        this.energies = copy ? energies.clone() : energies;
        this.forces = copy ? deepCopy(forces) : forces;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int k = 0; k < a.length; k++) c[k] = a[k].clone();
        return c;
    }

    public String name() { return name; }

    /** Number of frames. */
    public int size() { return energies.length; }

    /** Atoms per frame. */
    public int atomCount() { return atomicNumbers.length; }

    public int[] atomicNumbers() { return atomicNumbers.clone(); }

    public int atomicNumber(int i) { return atomicNumbers[i]; }

    /** Total energy of frame k (eV). */
    public double energy(int k) { return energies[k]; }

    /** A copy of all energies (eV). */
    public double[] energies() { return energies.clone(); }

    /** A copy of frame k's positions (Å). */
    public double[] positions(int k) { return positions[k].clone(); }

    /** A copy of frame k's forces (eV/Å). */
    public double[] forces(int k) { return forces[k].clone(); }

    /** Copies frame k's positions into {@code out} without allocating. */
    public void copyPositions(int k, double[] out) { System.arraycopy(positions[k], 0, out, 0, positions[k].length); }

    /** Copies frame k's forces into {@code out} without allocating. */
    public void copyForces(int k, double[] out) { System.arraycopy(forces[k], 0, out, 0, forces[k].length); }

    /** Frame k as an isolated structure. */
    public Structure structure(int k) { return new Structure(atomicNumbers, positions[k]); }

    /**
     * The frames at the given indices, in that order.
     *
     * @throws IllegalArgumentException naming the first index outside [0, size)
     */
    public Dataset subset(int[] indices, String subsetName) {
        double[][] p = new double[indices.length][];
        double[][] f = new double[indices.length][];
        double[] e = new double[indices.length];
        for (int t = 0; t < indices.length; t++) {
            int k = indices[t];
            if (k < 0 || k >= size()) throw new IllegalArgumentException(subsetName + ": frame index " + k + " (entry " + t + ") is outside " + name + " (" + size() + " frames)");
            p[t] = positions[k];
            f[t] = forces[k];
            e[t] = energies[k];
        }
        return adopt(subsetName, atomicNumbers, p, e, f);
    }

    /** The first {@code count} frames. */
    public Dataset head(int count) {
        if (count < 0 || count > size()) throw new IllegalArgumentException("cannot take " + count + " frames of " + name + " (" + size() + " frames)");
        int[] idx = new int[count];
        for (int k = 0; k < count; k++) idx[k] = k;
        return subset(idx, name + "[:" + count + "]");
    }

    /**
     * Throws unless {@code other} holds the same molecule (same atoms in the same order), naming
     * both datasets and the first difference.
     */
    public void requireSameMolecule(Dataset other) {
        if (other.atomCount() != atomCount()) {
            throw new IllegalArgumentException(other.name + " has " + other.atomCount() + " atoms per frame but " + name + " has " + atomCount());
        }
        for (int a = 0; a < atomCount(); a++) {
            if (other.atomicNumbers[a] != atomicNumbers[a]) {
                throw new IllegalArgumentException(other.name + " has atomic number " + other.atomicNumbers[a] + " at atom " + a + " but " + name + " has " + atomicNumbers[a]);
            }
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + size() + " frames of " + new Structure(atomicNumbers, new double[3 * atomCount()]).formula() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && Arrays.equals(atomicNumbers, d.atomicNumbers) && Arrays.equals(energies, d.energies)
                && Arrays.deepEquals(positions, d.positions) && Arrays.deepEquals(forces, d.forces);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(atomicNumbers) + Arrays.hashCode(energies);
    }
}
