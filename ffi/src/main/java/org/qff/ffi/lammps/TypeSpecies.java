package org.qff.ffi.lammps;

import org.qff.qnn.atoms.Elements;

/**
 * Which element each LAMMPS atom type is. LAMMPS knows types and masses, qff potentials need
 * atomic numbers: either the user lists the elements of types 1, 2, … ({@code --types C,H,O}),
 * or each type's mass must match one element's standard mass.
 */
public final class TypeSpecies {
    /** Masses within this of an element's standard mass (amu) identify it; isotopes and rounding fit, neighbours do not. */
    static final double MASS_TOLERANCE = 0.05;

    private final int[] zByType; // index 1..ntypes

    private TypeSpecies(int[] zByType) {
        this.zByType = zByType;
    }

    /** Parses {@code C,H,O}: the elements of types 1, 2, 3. */
    public static TypeSpecies parse(String list) {
        if (list == null || list.isBlank()) throw new IllegalArgumentException("--types is empty");
        String[] items = list.split(",");
        int[] z = new int[items.length + 1];
        for (int t = 1; t <= items.length; t++) {
            try {
                z[t] = Elements.atomicNumber(items[t - 1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--types " + list + ": type " + t + " has unknown element \"" + items[t - 1].trim() + "\"");
            }
        }
        return new TypeSpecies(z);
    }

    /** Identifies each type by its mass ({@code masses[1..ntypes]}, amu). */
    public static TypeSpecies fromMasses(double[] masses) {
        int[] z = new int[masses.length];
        for (int t = 1; t < masses.length; t++) {
            int best = 0;
            double bestDiff = Double.MAX_VALUE;
            for (int candidate = 1; candidate <= 53; candidate++) {
                if (!Elements.isKnown(candidate)) continue;
                double d = Math.abs(Elements.mass(candidate) - masses[t]);
                if (d < bestDiff) {
                    bestDiff = d;
                    best = candidate;
                }
            }
            if (bestDiff > MASS_TOLERANCE) {
                throw new IllegalArgumentException("LAMMPS atom type " + t + " has mass " + masses[t]
                        + " amu, which is no element's standard mass: give the elements with --types (e.g. --types C,H,O)");
            }
            z[t] = best;
        }
        return new TypeSpecies(z);
    }

    /** The atomic number of a type. */
    public int atomicNumber(int type) {
        if (type < 1 || type >= zByType.length) {
            throw new IllegalArgumentException("LAMMPS atom type " + type + " has no element (types 1.." + (zByType.length - 1) + " are mapped)");
        }
        return zByType[type];
    }

    public int types() {
        return zByType.length - 1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int t = 1; t < zByType.length; t++) sb.append(t > 1 ? ", " : "").append(t).append('=').append(Elements.symbol(zByType[t]));
        return sb.toString();
    }
}
