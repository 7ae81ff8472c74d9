package org.qff.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;

class MdSystemTest {

    @Test
    void maxwellBoltzmannHitsTargetTemperatureWithNoNetMomentumOrRotation() {
        MdSystem s = new MdSystem(TestSystems.argon13(), LennardJones.argon(), MomentumConstraints.TRANSLATION_AND_ROTATION);
        s.assignMaxwellBoltzmann(300, new Rng(42));
        assertEquals(300, s.temperature(), 1e-9);
        double[] m = s.masses();
        double[] com = MomentumConstraints.centreOfMass(m, s.positions);
        double px = 0, py = 0, pz = 0, lx = 0, ly = 0, lz = 0, scale = 0;
        for (int i = 0; i < s.size(); i++) {
            double vx = s.velocities[3 * i], vy = s.velocities[3 * i + 1], vz = s.velocities[3 * i + 2];
            double rx = s.positions[3 * i] - com[0], ry = s.positions[3 * i + 1] - com[1], rz = s.positions[3 * i + 2] - com[2];
            px += m[i] * vx;
            py += m[i] * vy;
            pz += m[i] * vz;
            lx += m[i] * (ry * vz - rz * vy);
            ly += m[i] * (rz * vx - rx * vz);
            lz += m[i] * (rx * vy - ry * vx);
            scale += m[i] * Math.sqrt(vx * vx + vy * vy + vz * vz) * Math.sqrt(rx * rx + ry * ry + rz * rz);
        }
        // zero to rounding: relative to the typical |m r v| sum
        assertEquals(0, Math.abs(px) + Math.abs(py) + Math.abs(pz), 1e-13 * scale);
        assertEquals(0, Math.abs(lx) + Math.abs(ly) + Math.abs(lz), 1e-12 * scale);
    }

    @Test
    void degreesOfFreedomCountTranslationAndRotation() {
        assertEquals(3 * 13 - 6, new MdSystem(TestSystems.argon13(), LennardJones.argon(), MomentumConstraints.TRANSLATION_AND_ROTATION)
                .degreesOfFreedom());
        Structure dimer = new Structure(new int[] {18, 18}, new double[] {0, 0, 0, 3.8, 0, 0});
        // a linear molecule has two rotations: 6 − 3 − 2 = 1 (the stretch)
        assertEquals(1, new MdSystem(dimer, LennardJones.argon(), MomentumConstraints.TRANSLATION_AND_ROTATION).degreesOfFreedom());
        assertEquals(3, new MdSystem(dimer, LennardJones.argon(), MomentumConstraints.TRANSLATION).degreesOfFreedom());
        assertEquals(6, new MdSystem(dimer, LennardJones.argon(), MomentumConstraints.NONE).degreesOfFreedom());
        Structure water = TestSystems.water();
        assertEquals(3, new MdSystem(water, TestSystems.HarmonicBonds.allPairsOf(water, 30), MomentumConstraints.TRANSLATION_AND_ROTATION)
                .degreesOfFreedom());
        Structure one = new Structure(new int[] {18}, new double[] {0, 0, 0});
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MdSystem(one, LennardJones.argon(), MomentumConstraints.defaultFor(false, 1)));
        assertTrue(e.getMessage().contains("no degree of freedom"), e.getMessage());
    }

    @Test
    void rotationRemovalWorksForALinearMolecule() {
        Structure dimer = new Structure(new int[] {18, 18}, new double[] {0, 0, 0, 3.8, 0, 0});
        MdSystem s = new MdSystem(dimer, LennardJones.argon(), MomentumConstraints.TRANSLATION_AND_ROTATION);
        s.assignMaxwellBoltzmann(100, new Rng(3));
        // only the stretch survives: velocities along x, opposite
        for (int i = 0; i < 2; i++) {
            assertEquals(0, s.velocities[3 * i + 1], 1e-15);
            assertEquals(0, s.velocities[3 * i + 2], 1e-15);
        }
        assertEquals(-s.velocities[0], s.velocities[3], 1e-15);
    }

    @Test
    void uncoveredSpeciesIsRefusedNamingTheAtom() {
        Structure water = TestSystems.water();
        var bonds = TestSystems.HarmonicBonds.allPairsOf(water, 30);
        Structure withCarbon = new Structure(new int[] {8, 1, 6}, water.positions());
        var e = assertThrows(IllegalArgumentException.class, () -> new MdSystem(withCarbon, bonds, MomentumConstraints.NONE));
        assertTrue(e.getMessage().contains("atom 2"), e.getMessage());
    }

    @Test
    void rngStateRoundTripsExactly() throws Exception {
        Rng a = new Rng(9);
        a.nextGaussian();
        var bytes = new java.io.ByteArrayOutputStream();
        a.save(new java.io.DataOutputStream(bytes));
        Rng b = new Rng(0);
        b.load(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        for (int k = 0; k < 5; k++) assertEquals(a.nextGaussian(), b.nextGaussian());
    }
}
