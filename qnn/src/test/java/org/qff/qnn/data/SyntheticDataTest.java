package org.qff.qnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Molecules;
import org.qff.qnn.potential.BondedPotential;

class SyntheticDataTest {
    @Test
    void labelsMatchThePotentialAndSeedReproduces() {
        BondedPotential pot = BondedPotential.fromReference(Molecules.ethanol());
        Dataset d = SyntheticData.perturbed(pot, Molecules.ethanol(), 20, 0.05, 3);
        assertEquals(20, d.size());
        assertEquals(9, d.atomCount());
        for (int k = 0; k < d.size(); k++) {
            double[] f = new double[27];
            assertEquals(pot.compute(d.structure(k), f, null), d.energy(k), 0);
            assertArrayEquals(f, d.forces(k), 0);
            assertTrue(d.energy(k) > 0);
        }
        assertEquals(d, SyntheticData.perturbed(pot, Molecules.ethanol(), 20, 0.05, 3));
        assertThrows(IllegalArgumentException.class, () -> SyntheticData.perturbed(pot, Molecules.ethanol(), 0, 0.05, 3));
        assertThrows(IllegalArgumentException.class, () -> SyntheticData.perturbed(pot, Molecules.ethanol(), 2, Double.NaN, 3));
    }
}
