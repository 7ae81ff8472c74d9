package org.qff.qnn.atoms;

/**
 * Small ready-made molecules for tests, demos and the classical reference potentials.
 * Geometries are idealised (standard bond lengths and angles), not optimised at any level of theory.
 */
public final class Molecules {
    private Molecules() {}

    /**
     * Ethanol, anti conformer, in rMD17's atom order: C (CH₂, bonded to O), C (CH₃), O, the two
     * H on the CH₂ carbon, the three methyl H, the hydroxyl H. Bond lengths C–C 1.51, C–O 1.43,
     * O–H 0.96, C–H 1.09 Å; heavy atoms and the hydroxyl H in the xy plane.
     */
    public static Structure ethanol() {
        return new Structure(new int[] {6, 6, 8, 1, 1, 1, 1, 1, 1}, new double[] {
            0.0000, 0.5526, 0.0000,
            1.1879, -0.3829, 0.0000,
            -1.1867, -0.2472, 0.0000,
            0.0227, 1.1958, 0.8840,
            0.0227, 1.1958, -0.8840,
            2.1248, 0.1752, 0.0000,
            1.1718, -1.0213, 0.8835,
            1.1718, -1.0213, -0.8835,
            -1.9237, 0.3684, 0.0000,
        });
    }
}
