package org.qff.qnn.atoms;

/** Element symbols and standard atomic masses (amu, IUPAC 2021 abridged) for H … Kr plus I. */
public final class Elements {
    private Elements() {}

    private static final String[] SYMBOLS = {
        "", "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne",
        "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
        "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn",
        "Ga", "Ge", "As", "Se", "Br", "Kr"
    };
    private static final double[] MASSES = {
        0, 1.008, 4.0026, 6.94, 9.0122, 10.81, 12.011, 14.007, 15.999, 18.998, 20.180,
        22.990, 24.305, 26.982, 28.085, 30.974, 32.06, 35.45, 39.948, 39.098, 40.078,
        44.956, 47.867, 50.942, 51.996, 54.938, 55.845, 58.933, 58.693, 63.546, 65.38,
        69.723, 72.630, 74.922, 78.971, 79.904, 83.798
    };
    /**
     * Single-bond covalent radii (Å) from Cordero et al., Dalton Trans. 2008, 2832 (sp3 carbon,
     * low-spin Mn, Fe, Co): used to detect bonds in a reference geometry.
     */
    private static final double[] COVALENT_RADII = {
        0, 0.31, 0.28, 1.28, 0.96, 0.84, 0.76, 0.71, 0.66, 0.57, 0.58,
        1.66, 1.41, 1.21, 1.11, 1.07, 1.05, 1.02, 1.06, 2.03, 1.76,
        1.70, 1.60, 1.53, 1.39, 1.39, 1.32, 1.26, 1.24, 1.32, 1.22,
        1.22, 1.20, 1.19, 1.20, 1.20, 1.16
    };
    private static final int IODINE = 53;
    private static final double IODINE_MASS = 126.90;
    private static final double IODINE_COVALENT_RADIUS = 1.39;

    public static boolean isKnown(int z) {
        return (z >= 1 && z < SYMBOLS.length) || z == IODINE;
    }

    public static String symbol(int z) {
        check(z);
        return z == IODINE ? "I" : SYMBOLS[z];
    }

    public static double mass(int z) {
        check(z);
        return z == IODINE ? IODINE_MASS : MASSES[z];
    }

    /** Single-bond covalent radius (Å, Cordero 2008). */
    public static double covalentRadius(int z) {
        check(z);
        return z == IODINE ? IODINE_COVALENT_RADIUS : COVALENT_RADII[z];
    }

    /** Atomic number of a symbol, case-insensitive ("C", "cl"). */
    public static int atomicNumber(String symbol) {
        String s = symbol.trim();
        if (s.equalsIgnoreCase("I")) return IODINE;
        for (int z = 1; z < SYMBOLS.length; z++) if (SYMBOLS[z].equalsIgnoreCase(s)) return z;
        throw new IllegalArgumentException("unknown element symbol \"" + symbol + "\"");
    }

    private static void check(int z) {
        if (!isKnown(z)) throw new IllegalArgumentException("unknown atomic number " + z);
    }
}
