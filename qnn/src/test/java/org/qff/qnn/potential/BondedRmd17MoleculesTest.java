package org.qff.qnn.potential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.data.Rmd17;

/** Bonded potentials built around real rMD17 frames stay bound in MD (skipped without QFF_DATA). */
class BondedRmd17MoleculesTest {

    @ParameterizedTest
    @ValueSource(strings = {"aspirin", "benzene", "malonaldehyde", "naphthalene", "salicylic", "toluene", "uracil"})
    void staysBoundAt600K(String molecule) throws Exception {
        String env = System.getenv("QFF_DATA");
        assumeTrue(env != null && Files.isRegularFile(Path.of(env, "rmd17", Rmd17.splitFileName(molecule, Rmd17.Part.TRAIN, 1))),
                "QFF_DATA with rMD17 " + molecule + " needed");
        Structure ref = Rmd17.load(Path.of(env), molecule, Rmd17.Part.TRAIN, 1).structure(0);
        BondedPotential pot = BondedPotential.fromReference(ref);
        // Every atom has at least one bond: nothing floats away unbound.
        boolean[] bonded = new boolean[ref.size()];
        for (MorseBond b : pot.topology().bonds()) bonded[b.i()] = bonded[b.j()] = true;
        for (int a = 0; a < ref.size(); a++) assertTrue(bonded[a], molecule + " atom " + a + " has no bond");
        VerletRun r = VerletRun.run(pot, ref, 600, 0.25, 2000, 5);
        // Thermal energy ~3N·½kT ≈ 0.05 eV per atom; Verlet's energy error at ωdt ≤ 0.15 is ~1e-3 of it.
        assertTrue(r.maxEnergyDrift() < 5e-3 * ref.size() / 9, molecule + " energy drift " + r.maxEnergyDrift() + " eV");
        assertTrue(r.maxBondStretch() < 1.35, molecule + " bond stretched to " + r.maxBondStretch() + " × rest length");
    }
}
