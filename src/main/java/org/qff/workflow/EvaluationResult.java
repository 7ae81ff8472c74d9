package org.qff.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.io.AtomicFiles;
import org.qff.qnn.train.ErrorMetrics;

/**
 * One model scored on one molecule's test split: the figures `qff evaluate` prints and writes
 * (JSON for scripts, a Markdown table beside the published anchors for people).
 */
public record EvaluationResult(String modelType, String molecule, int split, int nTrain, ErrorMetrics metrics, String modelPath) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("model_type", modelType);
        o.put("molecule", molecule);
        o.put("split", split);
        if (nTrain > 0) o.put("n_train", nTrain);
        o.put("n_test", metrics.frames());
        o.put("energy_mae_meV", metrics.energyMaeMeV());
        o.put("force_mae_meV_per_A", metrics.forceMaeMeVPerA());
        o.put("energy_rmse_meV", metrics.energyRmseMeV());
        o.put("force_rmse_meV_per_A", metrics.forceRmseMeVPerA());
        o.put("energy_mae_kcal_per_mol", metrics.energyMae() / Units.KCAL_PER_MOL);
        o.put("force_mae_kcal_per_mol_per_A", metrics.forceMae() / Units.KCAL_PER_MOL);
        if (modelPath != null) o.put("model", modelPath);
        return o;
    }

    public void writeJson(Path file) throws IOException {
        AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, toJson()));
    }

    /** A Markdown table: this result, then the published anchors for the molecule. */
    public String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | molecule | N train | energy MAE (meV) | force MAE (meV/Å) | energy RMSE (meV) | force RMSE (meV/Å) |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| qff %s | %s | %s | %.2f | %.2f | %.2f | %.2f |%n", modelType, molecule,
                nTrain > 0 ? Integer.toString(nTrain) : "–", metrics.energyMaeMeV(), metrics.forceMaeMeVPerA(),
                metrics.energyRmseMeV(), metrics.forceRmseMeVPerA()));
        List<PublishedAnchors.Anchor> anchors = PublishedAnchors.forMolecule(molecule);
        for (PublishedAnchors.Anchor a : anchors) {
            sb.append(String.format(Locale.ROOT, "| %s (published, N=1000) | %s | 1000 | %s | %s | | |%n", a.method(), molecule,
                    trim(a.energyMaeMeV()), trim(a.forceMaeMeVPerA())));
        }
        return sb.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }
}
