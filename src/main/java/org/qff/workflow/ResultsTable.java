package org.qff.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.qff.plot.Plots;
import org.qff.qnn.io.AtomicFiles;

/**
 * The results file: one row per (model type, molecule, N, split) with the test errors, training
 * time, the model file and the command that produced it. Adding a row replaces the row with the
 * same key, so reruns update rather than duplicate.
 */
public final class ResultsTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row. {@code nTrain} counts every frame drawn from the training split (training + validation). */
    public record Row(String modelType, String molecule, int nTrain, int split, double energyMaeMeV, double forceMaeMeVPerA,
                      double energyRmseMeV, double forceRmseMeVPerA, double trainSeconds, String model, String command) {

        String key() {
            return modelType + "|" + molecule + "|" + nTrain + "|" + split;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    public static ResultsTable read(Path file) throws IOException {
        ResultsTable t = new ResultsTable();
        if (!Files.exists(file)) return t;
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isArray()) throw new IllegalArgumentException("results file " + file + " is not a JSON array");
        for (JsonNode o : root) {
            t.rows.add(new Row(o.path("model_type").asText(), o.path("molecule").asText(), o.path("n_train").asInt(), o.path("split").asInt(),
                    o.path("energy_mae_meV").asDouble(), o.path("force_mae_meV_per_A").asDouble(), o.path("energy_rmse_meV").asDouble(),
                    o.path("force_rmse_meV_per_A").asDouble(), o.path("train_seconds").asDouble(), o.path("model").asText(),
                    o.path("command").asText()));
        }
        return t;
    }

    public void put(Row row) {
        rows.removeIf(r -> r.key().equals(row.key()));
        rows.add(row);
        rows.sort(Comparator.comparing(Row::molecule).thenComparing(Row::modelType).thenComparingInt(Row::nTrain).thenComparingInt(Row::split));
    }

    public List<Row> rows() { return List.copyOf(rows); }

    public void writeJson(Path file) throws IOException {
        ArrayNode a = JSON.createArrayNode();
        for (Row r : rows) {
            ObjectNode o = a.addObject();
            o.put("model_type", r.modelType());
            o.put("molecule", r.molecule());
            o.put("n_train", r.nTrain());
            o.put("split", r.split());
            o.put("energy_mae_meV", r.energyMaeMeV());
            o.put("force_mae_meV_per_A", r.forceMaeMeVPerA());
            o.put("energy_rmse_meV", r.energyRmseMeV());
            o.put("force_rmse_meV_per_A", r.forceRmseMeVPerA());
            o.put("train_seconds", r.trainSeconds());
            o.put("model", r.model());
            o.put("command", r.command());
        }
        AtomicFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, a));
    }

    /** Markdown: per molecule, qff rows then the published anchors at N = 1000. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        Map<String, List<Row>> byMolecule = new TreeMap<>();
        for (Row r : rows) byMolecule.computeIfAbsent(r.molecule(), k -> new ArrayList<>()).add(r);
        for (var e : byMolecule.entrySet()) {
            sb.append("### ").append(e.getKey()).append("\n\n");
            sb.append("| model | N | split | energy MAE (meV) | force MAE (meV/Å) | energy RMSE (meV) | force RMSE (meV/Å) | train time (s) |\n");
            sb.append("|---|---|---|---|---|---|---|---|\n");
            for (Row r : e.getValue()) {
                sb.append(String.format(Locale.ROOT, "| qff %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.0f |%n", r.modelType(), r.nTrain(), r.split(),
                        r.energyMaeMeV(), r.forceMaeMeVPerA(), r.energyRmseMeV(), r.forceRmseMeVPerA(), r.trainSeconds()));
            }
            for (PublishedAnchors.Anchor a : PublishedAnchors.forMolecule(e.getKey())) {
                sb.append(String.format(Locale.ROOT, "| %s (published) | 1000 | | %s | %s | | | |%n", a.method(), a.energyMaeMeV(), a.forceMaeMeVPerA()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Log–log learning curves, one energy and one force plot per molecule that has results at two
     * or more sizes ({@code learning_curve_<molecule>_energy.png}, {@code …_force.png}), one series
     * per model type.
     */
    public void plotLearningCurves(Path dir) throws IOException {
        Map<String, Map<String, List<Row>>> byMolecule = new TreeMap<>();
        for (Row r : rows) byMolecule.computeIfAbsent(r.molecule(), k -> new TreeMap<>()).computeIfAbsent(r.modelType(), k -> new ArrayList<>()).add(r);
        for (var m : byMolecule.entrySet()) {
            List<Plots.Series> energy = new ArrayList<>(), force = new ArrayList<>();
            for (var e : m.getValue().entrySet()) {
                List<Row> rs = e.getValue().stream().sorted(Comparator.comparingInt(Row::nTrain)).toList();
                if (rs.size() < 2) continue;
                double[] n = rs.stream().mapToDouble(Row::nTrain).toArray();
                energy.add(new Plots.Series(e.getKey(), n, rs.stream().mapToDouble(Row::energyMaeMeV).toArray()));
                force.add(new Plots.Series(e.getKey(), n, rs.stream().mapToDouble(Row::forceMaeMeVPerA).toArray()));
            }
            if (energy.isEmpty()) continue;
            String mol = m.getKey();
            Plots.lines(dir.resolve("learning_curve_" + mol + "_energy.png"), mol + ": energy MAE vs training-set size", "N (training frames)",
                    "energy MAE (meV)", energy, true, true);
            Plots.lines(dir.resolve("learning_curve_" + mol + "_force.png"), mol + ": force MAE vs training-set size", "N (training frames)",
                    "force MAE (meV/Å)", force, true, true);
        }
    }
}
