package org.qff.qnn.model;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.data.Rmd17;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

class SampleMoleculesTest {

    @Test
    void builtInFramesAreTheFirstRmd17Frames() throws Exception {
        var root = Rmd17.defaultDataRoot();
        Assumptions.assumeTrue(Files.isRegularFile(root.resolve("rmd17").resolve(Rmd17.splitFileName("aspirin", Rmd17.Part.TRAIN, 1))),
                "QFF_DATA has no rMD17 files: skipping the comparison with frame 0");
        for (String mol : new String[] {"ethanol", "aspirin"}) {
            Structure ref = Rmd17.load(root, mol, Rmd17.Part.TRAIN, 1).structure(0);
            Structure ours = mol.equals("aspirin") ? SampleMolecules.aspirin() : SampleMolecules.ethanol();
            assertArrayEquals(ref.atomicNumbers(), ours.atomicNumbers(), mol);
            // built in with 6 decimals
            assertArrayEquals(ref.positions(), ours.positions(), 5.1e-7, mol);
        }
    }
}
