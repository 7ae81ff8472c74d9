package org.qff.md;

/**
 * Single-bond covalent radii (Å) from Cordero et al., Dalton Trans. 2008, 2832 (sp3 carbon,
 * low-spin Mn/Fe/Co), used only to decide which atom pairs of the starting structure are bonded.
 */
final class CovalentRadii {
    private CovalentRadii() {}

    private static final double[] RADII = {
        0, 0.31, 0.28, 1.28, 0.96, 0.84, 0.76, 0.71, 0.66, 0.57, 0.58,
        1.66, 1.41, 1.21, 1.11, 1.07, 1.05, 1.02, 1.06, 2.03, 1.76,
        1.70, 1.60, 1.53, 1.39, 1.39, 1.32, 1.26, 1.24, 1.32, 1.22,
        1.22, 1.20, 1.19, 1.20, 1.20, 1.16
    };
    private static final double IODINE = 1.39;

    static double of(int z) {
        if (z == 53) return IODINE;
        if (z < 1 || z >= RADII.length) throw new IllegalArgumentException("no covalent radius for atomic number " + z);
        return RADII[z];
    }
}
