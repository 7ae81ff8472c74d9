package org.qff.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.potential.Potentials;

/**
 * The committed results table is reproducible: re-evaluating committed models on their test split
 * gives the committed figures, and every row names a model file that exists.
 */
class CommittedResultsTest {
    /** Tests run in src/; the repository root is one level up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path RESULTS = ROOT.resolve("results/rmd17/results.json");

    @Test
    void everyRowNamesALoadableModelAndACommand() throws Exception {
        assumeTrue(Files.exists(RESULTS), "no committed results at " + RESULTS);
        List<ResultsTable.Row> rows = ResultsTable.read(RESULTS).rows();
        assertTrue(rows.size() > 0);
        for (ResultsTable.Row r : rows) {
            assertTrue(Files.isRegularFile(ROOT.resolve(r.model())), "row " + r.molecule() + "/" + r.modelType() + "/" + r.nTrain() + ": " + r.model());
            assertTrue(r.command().startsWith("qff train "), r.command());
            // loads with the current code: a model-file format change must not strand committed models
            assertTrue(Potentials.load(ROOT.resolve(r.model()).toString()).covers(6), r.model());
        }
    }

    @Test
    void reEvaluatingCommittedModelsGivesTheCommittedFigures() throws Exception {
        assumeTrue(Files.exists(RESULTS), "no committed results at " + RESULTS);
        String env = System.getenv("QFF_DATA");
        assumeTrue(env != null && Files.exists(Path.of(env, "rmd17", "rmd17_ethanol_test_01.npz")), "no rMD17 under QFF_DATA");
        Dataset test = Rmd17.load(Path.of(env), "ethanol", Rmd17.Part.TEST, 1);
        int checked = 0;
        for (ResultsTable.Row r : ResultsTable.read(RESULTS).rows()) {
            if (!r.molecule().equals("ethanol") || r.nTrain() != 1000) continue;
            EvaluationResult e = Evaluation.run(Potentials.load(ROOT.resolve(r.model()).toString()), test, "ethanol", 1, r.nTrain(), r.model(), null);
            // Evaluation is deterministic (fixed summation order): the figures must agree to the last bits
            // that survive the JSON round trip of a double.
            assertEquals(r.energyMaeMeV(), e.metrics().energyMaeMeV(), 1e-9 * r.energyMaeMeV(), r.model());
            assertEquals(r.forceMaeMeVPerA(), e.metrics().forceMaeMeVPerA(), 1e-9 * r.forceMaeMeVPerA(), r.model());
            checked++;
        }
        assertTrue(checked >= 2, "expected the ethanol N=1000 rows of both architectures, checked " + checked);
    }
}
