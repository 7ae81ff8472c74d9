package org.qff.qnn.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qff.qnn.io.AtomicFiles;

/**
 * Everything needed to continue a training run exactly: parameters, Adam state, early-stopping
 * state, the epoch log, and what the run was configured with (checked on resume). Doubles are
 * written in Java's shortest round-trip form, so a resumed run sees the same bits.
 */
record Checkpoint(int completedEpochs, double[] parameters, double[] adamM, double[] adamV, long adamStep,
                  double bestValidationLoss, double[] bestParameters, int bestEpoch, int epochsSinceBest,
                  List<EpochRecord> records, String fingerprint) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int VERSION = 1;

    void write(Path path) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "qff-checkpoint");
        root.put("version", VERSION);
        root.put("fingerprint", fingerprint);
        root.put("completed_epochs", completedEpochs);
        putArray(root, "parameters", parameters);
        putArray(root, "adam_m", adamM);
        putArray(root, "adam_v", adamV);
        root.put("adam_step", adamStep);
        root.put("best_validation_loss", bestValidationLoss);
        putArray(root, "best_parameters", bestParameters);
        root.put("best_epoch", bestEpoch);
        root.put("epochs_since_best", epochsSinceBest);
        ArrayNode recs = root.putArray("records");
        for (EpochRecord r : records) {
            ObjectNode o = recs.addObject();
            o.put("epoch", r.epoch());
            o.put("train_loss", r.trainLoss());
            o.put("validation_loss", r.validationLoss());
            o.put("validation_energy_mae", r.validationEnergyMae());
            o.put("validation_force_mae", r.validationForceMae());
            o.put("learning_rate", r.learningRate());
            o.put("seconds", r.seconds());
        }
        AtomicFiles.write(path, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }

    static Checkpoint read(Path path) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new IOException("checkpoint " + path + " is not readable JSON: " + e.getMessage(), e);
        }
        if (root == null || !"qff-checkpoint".equals(root.path("format").asText())) {
            throw new IllegalArgumentException("file " + path + " is not a qff checkpoint");
        }
        if (root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("checkpoint " + path + " has version " + root.path("version") + ", this qff reads version " + VERSION);
        }
        List<EpochRecord> records = new ArrayList<>();
        for (JsonNode o : root.path("records")) {
            records.add(new EpochRecord(o.path("epoch").asInt(), o.path("train_loss").asDouble(), o.path("validation_loss").asDouble(),
                    o.path("validation_energy_mae").asDouble(), o.path("validation_force_mae").asDouble(),
                    o.path("learning_rate").asDouble(), o.path("seconds").asDouble()));
        }
        return new Checkpoint(root.path("completed_epochs").asInt(), array(root, "parameters", path), array(root, "adam_m", path),
                array(root, "adam_v", path), root.path("adam_step").asLong(), root.path("best_validation_loss").asDouble(),
                array(root, "best_parameters", path), root.path("best_epoch").asInt(), root.path("epochs_since_best").asInt(),
                records, root.path("fingerprint").asText());
    }

    private static void putArray(ObjectNode root, String key, double[] values) {
        ArrayNode a = root.putArray(key);
        for (double v : values) a.add(v);
    }

    private static double[] array(JsonNode root, String key, Path path) {
        JsonNode a = root.get(key);
        if (a == null || !a.isArray()) throw new IllegalArgumentException("checkpoint " + path + " lacks array \"" + key + "\"");
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }
}
