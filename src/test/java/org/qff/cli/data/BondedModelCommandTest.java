package org.qff.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.cli.Main;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;

class BondedModelCommandTest {
    @TempDir Path dir;

    private static String[] runCapture(int expectedCode, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedCode, Main.run(args));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static Path data() {
        String env = System.getenv("QFF_DATA");
        assumeTrue(env != null && Files.isRegularFile(Path.of(env, "rmd17", "rmd17_aspirin_train_01.npz")), "QFF_DATA with rMD17 aspirin needed");
        return Path.of(env);
    }

    @Test
    void aspirinModelHasItsMinimumAtTheChosenFrame() throws Exception {
        Path data = data();
        Path model = dir.resolve("aspirin-bonded.json");
        String[] io = runCapture(0, "data", "bonded-model", "--molecule", "aspirin", "--frame", "7", "--data", data.toString(), "--out", model.toString());
        // Aspirin C9H8O4: 21 atoms; 21 bonds = 6 ring C–C, 4 ring C–H, 3 in COOH, 1 ring–COOH, 3 in the ester, acetyl C–C and its 3 C–H.
        assertTrue(io[0].contains("(21 atoms), 21 bonds"), io[0]);
        Potential p = Potentials.load(model.toString());
        Dataset d = Rmd17.load(data, "aspirin", Rmd17.Part.TRAIN, 1);
        double[] f = new double[63];
        double e = p.compute(d.structure(7), f, null);
        // Bonds and angles at rest; only the weak r⁻¹² tails of non-bonded pairs remain.
        assertTrue(e >= 0 && e < 1e-3, "energy at the reference frame " + e);
        assertTrue(p.energy(d.structure(500)) > 10 * e, "another frame is strained");
    }

    @Test
    void badFrameAndMissingDataAreNamed() {
        Path data = data();
        String[] io = runCapture(2, "data", "bonded-model", "--molecule", "aspirin", "--frame", "1000", "--data", data.toString(), "--out",
                dir.resolve("x.json").toString());
        assertTrue(io[1].contains("--frame 1000"), io[1]);
        assertFalse(Files.exists(dir.resolve("x.json")));
        String[] io2 = runCapture(2, "data", "bonded-model", "--molecule", "aspirin", "--data", dir.toString(), "--out", dir.resolve("y.json").toString());
        assertTrue(io2[1].contains("not found") && io2[1].contains("qff data fetch rmd17"), io2[1]);
    }
}
