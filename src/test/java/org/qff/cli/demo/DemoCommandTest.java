package org.qff.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.cli.Main;

/** `qff demo --quick` as CI runs it: every promised output exists and the reported errors are sane. */
class DemoCommandTest {

    private static final String[] OUTPUTS = {"report.md", "training/model.json", "training/train_log.csv", "training/training_curve.png",
        "evaluation/evaluation.json", "evaluation/energy_parity.png", "evaluation/force_parity.png", "md/trajectory.xyz", "md/thermo.csv",
        "md/temperature.png", "md/energy.png", "optimized.xyz"};

    @Test
    void quickDemoOnRmd17WritesEverythingWithFiniteErrors(@TempDir Path dir) throws Exception {
        String env = System.getenv("QFF_DATA");
        assumeTrue(env != null && Files.exists(Path.of(env, "rmd17", "rmd17_ethanol_train_01.npz")), "no rMD17 ethanol under QFF_DATA");
        Path out = dir.resolve("demo");
        String stdout = run(0, "demo", "--quick", "--out", out.toString(), "--data", env);
        assertTrue(stdout.contains("report: "), stdout);
        checkOutputs(out, false);
    }

    @Test
    void withoutDataItSaysSoAndFallsBackToSyntheticData(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        String stdout = run(0, "demo", "--quick", "--out", out.toString(), "--data", dir.resolve("empty").toString());
        assertTrue(stdout.contains("qff data fetch rmd17 --molecules ethanol"), stdout);
        assertTrue(stdout.contains("SYNTHETIC"), stdout);
        checkOutputs(out, true);
        assertTrue(Files.readString(out.resolve("report.md")).contains("The data are synthetic"));
    }

    private static void checkOutputs(Path out, boolean synthetic) throws Exception {
        for (String f : OUTPUTS) assertTrue(Files.size(out.resolve(f)) > 0, f);
        JsonNode e = new ObjectMapper().readTree(out.resolve("evaluation/evaluation.json").toFile());
        double eMae = e.get("energy_mae_meV").asDouble(), fMae = e.get("force_mae_meV_per_A").asDouble();
        // Loose bounds: a 15-epoch model on 190 frames is poor (hundreds of meV), but an untrained or
        // broken one is off by eV (rMD17 energies span ~1 eV; random-weight forces ~1–3 eV/Å).
        assertTrue(Double.isFinite(eMae) && eMae < 2000, "energy MAE " + eMae + " meV");
        assertTrue(Double.isFinite(fMae) && fMae < 2000, "force MAE " + fMae + " meV/Å");
        assertEquals(synthetic, e.get("molecule").asText().startsWith("synthetic"));
    }

    private static String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(expectedExit, code, buf.toString());
        return buf.toString();
    }
}
