package org.qff.qnn.atoms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Unit constants against their definitions from exact SI constants (CODATA 2018). */
class UnitsTest {
    private static final double E_CHARGE = 1.602176634e-19; // J per eV, exact
    private static final double AVOGADRO = 6.02214076e23; // exact
    private static final double AMU_KG = 1.66053906660e-27;

    @Test
    void kcalPerMolFromThermochemicalCalorie() {
        // 1 kcal = 4184 J exactly; per mole → per molecule; in eV.
        assertEquals(4184 / (AVOGADRO * E_CHARGE), Units.KCAL_PER_MOL, 1e-10);
        // The 43.364 meV quoted in the rMD17 README.
        assertEquals(43.364, Units.KCAL_PER_MOL / Units.MEV, 5e-4);
    }

    @Test
    void kineticEnergyFactor() {
        // 1 amu·Å²/fs² = 1.66053906660e-27 kg · 1e-20 m² / 1e-30 s² = 1.66e-17 J.
        assertEquals(AMU_KG * 1e10 / E_CHARGE, Units.AMU_A2_PER_FS2, 1e-8);
    }

    @Test
    void hartreeBohrBoltzmann() {
        // Hartree = 2 Ry; Ry·hc = 13.605693122994 eV (CODATA 2018).
        assertEquals(2 * 13.605693122994, Units.HARTREE, 1e-11);
        assertEquals(0.529177210903, Units.BOHR, 0);
        // CODATA quotes k = 8.617333262...e-5 eV/K (exact ratio, shown to 10 digits): relative 2e-11.
        assertEquals(1.380649e-23 / E_CHARGE, Units.KB, 1e-10 * Units.KB);
    }

    @Test
    void elementsAndCovalentRadii() {
        assertEquals(0.76, Elements.covalentRadius(6));
        assertEquals(0.31, Elements.covalentRadius(1));
        assertEquals(1.39, Elements.covalentRadius(53));
        assertEquals(1.16, Elements.covalentRadius(36));
        assertThrows(IllegalArgumentException.class, () -> Elements.covalentRadius(37));
    }
}
