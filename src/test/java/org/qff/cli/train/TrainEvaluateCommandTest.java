package org.qff.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.cli.Main;

/** End-to-end runs of the training commands on real rMD17 ethanol, cut down to seconds. */
class TrainEvaluateCommandTest {
    static Path data;

    @BeforeAll
    static void needData() {
        String env = System.getenv("QFF_DATA");
        data = env == null ? null : Path.of(env);
        assumeTrue(data != null && Files.exists(data.resolve("rmd17/rmd17_ethanol_train_01.npz")),
                "QFF_DATA does not hold rmd17/rmd17_ethanol_train_01.npz; skipping rMD17 command tests");
    }

    @Test
    void trainThenEvaluateWritesTheModelAndFiniteFigures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, Main.run("train", "--molecule", "ethanol", "--data", data.toString(), "--n-train", "24", "--n-val", "6",
                "--epochs", "3", "--threads", "2", "--out", out.toString()));
        for (String f : new String[] {"model.json", "train_log.csv", "checkpoint.json", "training_curve.png", "training.json"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        Path json = dir.resolve("eval.json");
        assertEquals(0, Main.run("evaluate", "--model", out.resolve("model.json").toString(), "--molecule", "ethanol", "--data", data.toString(),
                "--n-test", "30", "--json", json.toString(), "--plots", dir.toString()));
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertEquals("ethanol", r.get("molecule").asText());
        assertEquals(30, r.get("n_test").asInt());
        for (String k : new String[] {"energy_mae_meV", "force_mae_meV_per_A", "energy_rmse_meV", "force_rmse_meV_per_A"}) {
            double v = r.get(k).asDouble();
            assertTrue(Double.isFinite(v) && v > 0, k + " = " + v);
        }
        assertTrue(Files.exists(dir.resolve("energy_parity.png")));
    }

    @Test
    void learningCurveWritesRowsPlotsAndReproducibleCommands(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("lc");
        assertEquals(0, Main.run("learning-curve", "--molecule", "ethanol", "--data", data.toString(), "--model-types", "revised,gpr",
                "--sizes", "20,30", "--epochs", "2", "--n-test", "20", "--threads", "1", "--out", out.toString()));
        JsonNode rows = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(4, rows.size());
        for (JsonNode row : rows) {
            assertTrue(row.get("command").asText().startsWith("qff train "), row.toString());
            assertTrue(Files.exists(Path.of(row.get("model").asText())), row.get("model").asText());
        }
        assertTrue(Files.exists(out.resolve("learning_curve_ethanol_energy.png")));
        assertTrue(Files.readString(out.resolve("results.md")).contains("MACE (published)"));
    }

    @Test
    void sparseGprTrainsWritesAVersion2ModelAndEvaluates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sparse");
        assertEquals(0, Main.run("train", "--model-type", "gpr", "--prior-mean", "shifted-high-constant", "--inducing", "6",
                "--hyperparameter-frames", "8", "--shift-margin", "2.5", "--molecule", "ethanol", "--data", data.toString(), "--n-train", "20",
                "--n-val", "5", "--out", out.toString()));
        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertEquals(2, model.get("version").asInt());
        assertEquals("direction", model.get("local_frame_coordinates").asText(), "the default frames");
        assertEquals(2.5, model.at("/prior_mean/margin_eV").asDouble(), 0.0);
        assertEquals(6, model.at("/sparse/inducing_count").asInt());
        assertEquals(20, model.at("/training/geometries").asInt());
        Path json = dir.resolve("eval.json");
        assertEquals(0, Main.run("evaluate", "--model", out.resolve("model.json").toString(), "--molecule", "ethanol", "--data", data.toString(),
                "--n-test", "10", "--json", json.toString()));
        double f = new ObjectMapper().readTree(json.toFile()).get("force_mae_meV_per_A").asDouble();
        assertTrue(Double.isFinite(f) && f > 0, "force MAE " + f);
        assertError("--inducing 21 is more than the 20 training geometries", "train", "--model-type", "gpr", "--inducing", "21", "--molecule",
                "ethanol", "--data", data.toString(), "--n-train", "20", "--n-val", "5", "--out", dir.resolve("bad").toString());
        assertTrue(!Files.exists(dir.resolve("bad")), "bad input must leave no output directory");
        assertError("--inducing must be 0 (dense) or a positive count, got -1", "train", "--model-type", "gpr", "--inducing", "-1", "--molecule",
                "ethanol", "--data", data.toString(), "--n-train", "20", "--n-val", "5", "--out", dir.resolve("bad").toString());
        assertError("--shift-margin must be a finite number ≥ 0 eV, got -1.0", "train", "--model-type", "gpr", "--shift-margin", "-1",
                "--molecule", "ethanol", "--data", data.toString(), "--n-train", "20", "--n-val", "5", "--out", dir.resolve("bad").toString());
        assertError("unknown local-frame coordinates 'polar'", "train", "--model-type", "gpr", "--frame-coordinates", "polar",
                "--molecule", "ethanol", "--data", data.toString(), "--n-train", "20", "--n-val", "5", "--out", dir.resolve("bad").toString());
        assertTrue(!Files.exists(dir.resolve("bad")), "bad input must leave no output directory");
    }

    @Test
    void badInputNamesTheValue(@TempDir Path dir) {
        assertError("unknown rMD17 molecule \"water\"", "train", "--molecule", "water", "--data", data.toString(), "--out", dir.resolve("w").toString());
        assertTrue(!Files.exists(dir.resolve("w")), "bad input must leave no output directory");
        assertError("split must be 1 to 5, got 9", "train", "--molecule", "ethanol", "--split", "9", "--data", data.toString(), "--out", dir.toString());
        assertError("cannot take 990 training + 50 validation", "train", "--molecule", "ethanol", "--n-train", "990", "--data", data.toString(),
                "--out", dir.toString());
        assertError("unknown model type \"quantum\"", "train", "--molecule", "ethanol", "--model-type", "quantum", "--n-train", "10", "--n-val", "2",
                "--data", data.toString(), "--out", dir.toString());
        java.nio.file.Path file = dir.resolve("a-file");
        try {
            Files.writeString(file, "x");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertError("cannot create output directory " + file.resolve("out"), "train", "--molecule", "ethanol", "--n-train", "10", "--n-val", "2",
                "--epochs", "1", "--data", data.toString(), "--out", file.resolve("out").toString());
        assertError("neither a built-in potential", "evaluate", "--model", dir.resolve("missing.json").toString(), "--molecule", "ethanol");
    }

    private static void assertError(String expected, String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code, "exit code for " + String.join(" ", args) + ": " + err);
        assertTrue(err.toString().contains(expected), "expected \"" + expected + "\" in: " + err);
    }
}
