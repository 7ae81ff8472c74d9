package org.qff.qnn.atoms;

import java.util.Arrays;

/**
 * Atoms: atomic numbers and Cartesian positions in Å, with an optional periodic cell.
 * Immutable; positions are a flat array x0 y0 z0 x1 … Construction rejects unknown elements and
 * non-finite coordinates, naming the atom. Potentials check closeness (they compute distances anyway).
 */
public final class Structure {
    private final int[] atomicNumbers;
    private final double[] positions;
    private final Cell cell;

    public Structure(int[] atomicNumbers, double[] positions) {
        this(atomicNumbers, positions, null);
    }

    public Structure(int[] atomicNumbers, double[] positions, Cell cell) {
        if (positions.length != 3 * atomicNumbers.length) {
            throw new IllegalArgumentException("positions hold " + positions.length + " numbers for " + atomicNumbers.length
                    + " atoms (need " + 3 * atomicNumbers.length + ")");
        }
        for (int i = 0; i < atomicNumbers.length; i++) {
            if (!Elements.isKnown(atomicNumbers[i])) {
                throw new IllegalArgumentException("atom " + i + " has unknown atomic number " + atomicNumbers[i]);
            }
            for (int d = 0; d < 3; d++) {
                double x = positions[3 * i + d];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("atom " + i + " has non-finite coordinate " + "xyz".charAt(d) + " = " + x);
                }
            }
        }
        this.atomicNumbers = atomicNumbers.clone();
        this.positions = positions.clone();
        this.cell = cell;
    }

    public int size() { return atomicNumbers.length; }

    public int atomicNumber(int i) { return atomicNumbers[i]; }

    public double x(int i) { return positions[3 * i]; }

    public double y(int i) { return positions[3 * i + 1]; }

    public double z(int i) { return positions[3 * i + 2]; }

    /** A copy of the atomic numbers. */
    public int[] atomicNumbers() { return atomicNumbers.clone(); }

    /** A copy of the flat positions (Å). */
    public double[] positions() { return positions.clone(); }

    /** Copies positions into a caller's array without allocating. */
    public void copyPositions(double[] out) { System.arraycopy(positions, 0, out, 0, positions.length); }

    /** The periodic cell, or null for an isolated molecule. */
    public Cell cell() { return cell; }

    public boolean isPeriodic() { return cell != null; }

    /** The same atoms at new positions. */
    public Structure withPositions(double[] newPositions) {
        return new Structure(atomicNumbers, newPositions, cell);
    }

    /** Chemical formula in input order of first appearance, e.g. C2H6O for ethanol's atoms. */
    public String formula() {
        StringBuilder sb = new StringBuilder();
        boolean[] seen = new boolean[128];
        for (int z : atomicNumbers) {
            if (seen[z]) continue;
            seen[z] = true;
            long count = Arrays.stream(atomicNumbers).filter(v -> v == z).count();
            sb.append(Elements.symbol(z));
            if (count > 1) sb.append(count);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Structure[" + formula() + ", " + size() + " atoms" + (cell != null ? ", periodic" : "") + "]";
    }
}
