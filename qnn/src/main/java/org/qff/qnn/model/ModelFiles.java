package org.qff.qnn.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qff.qnn.io.AtomicFiles;
import org.qff.qnn.model.circuit.Topology;

import java.io.IOException;
import java.nio.file.Path;

/**
 * QNN model files: JSON with "type" ("qnn-baseline" / "qnn-revised"), "format_version", the
 * architecture's hyper-parameters and every weight block as a number array. Doubles are written in
 * shortest round-trip form, so save → load reproduces every weight bit for bit. Writing is atomic.
 */
public final class ModelFiles {
    private ModelFiles() {}

    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ObjectNode toJson(QnnModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", model.type());
        root.put("format_version", FORMAT_VERSION);
        ArrayNode sp = root.putArray("species");
        for (int z : model.species()) sp.add(z);
        root.put("qubits", model.ansatz().qubits());
        root.put("depth", model.ansatz().depth());
        root.put("cutoff_A", model.cutoff());
        root.put("exchange", model.ansatz().topology().label());
        root.put("reflection_averaged", model.reflectionAveraged());
        if (model instanceof BaselineModel b) root.put("species_pair_couplings", b.speciesPairCouplings());
        if (model instanceof RevisedModel r) {
            ObjectNode rb = root.putObject("radial_basis");
            rb.put("kind", "gaussian");
            rb.put("count", r.basis().count());
            rb.put("r_min_A", r.basis().rMin());
        }
        double[] w = model.getParameters();
        ObjectNode weights = root.putObject("weights");
        for (QnnModel.Block b : model.blocks()) {
            ArrayNode a = weights.putArray(b.name());
            for (int k = 0; k < b.length(); k++) a.add(w[b.offset() + k]);
        }
        return root;
    }

    public static void write(QnnModel model, Path path) throws IOException {
        AtomicFiles.writeString(path, JSON.writeValueAsString(toJson(model)) + "\n");
    }

    public static QnnModel read(Path path) {
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("model file " + path + " is not valid JSON: " + e.getMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Rebuilds a model; throws naming the first missing, malformed or inconsistent field. */
    public static QnnModel fromJson(JsonNode root) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
        String type = text(root, "type");
        int version = integer(root, "format_version");
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version " + version + " is not supported (this qff reads " + FORMAT_VERSION + ")");
        }
        JsonNode spNode = root.get("species");
        if (spNode == null || !spNode.isArray() || spNode.isEmpty()) throw new IllegalArgumentException("field \"species\" must be a non-empty array of atomic numbers");
        int[] species = new int[spNode.size()];
        for (int k = 0; k < species.length; k++) {
            if (!spNode.get(k).canConvertToInt() || !spNode.get(k).isIntegralNumber()) throw new IllegalArgumentException("species[" + k + "] is not an integer: " + spNode.get(k));
            species[k] = spNode.get(k).asInt();
        }
        int qubits = integer(root, "qubits");
        int depth = integer(root, "depth");
        double cutoff = number(root, "cutoff_A");
        Topology topology = Topology.parse(text(root, "exchange"));
        JsonNode refl = root.get("reflection_averaged");
        if (refl == null || !refl.isBoolean()) throw new IllegalArgumentException("field \"reflection_averaged\" is missing or not true/false");
        boolean averaged = refl.asBoolean();
        QnnModel model = switch (type) {
            case BaselineModel.TYPE -> {
                if (topology != Topology.RING) throw new IllegalArgumentException("qnn-baseline uses ring exchange, file says \"" + topology.label() + "\"");
                // An optional ablation switch, added within format version 1: absent means off (the published baseline).
                JsonNode pairs = root.get("species_pair_couplings");
                if (pairs != null && !pairs.isBoolean()) throw new IllegalArgumentException("field \"species_pair_couplings\" is not true/false: " + pairs);
                yield new BaselineModel(species, cutoff, qubits, depth, averaged, pairs != null && pairs.asBoolean());
            }
            case RevisedModel.TYPE -> {
                JsonNode rb = root.get("radial_basis");
                if (rb == null || !rb.isObject()) throw new IllegalArgumentException("field \"radial_basis\" is missing");
                String kind = text(rb, "kind");
                if (!kind.equals("gaussian")) throw new IllegalArgumentException("radial_basis.kind \"" + kind + "\" is unknown (known: gaussian)");
                yield new RevisedModel(species, cutoff, qubits, depth, topology, integer(rb, "count"), number(rb, "r_min_A"), averaged);
            }
            default -> throw new IllegalArgumentException("type \"" + type + "\" is not a QNN model (known: " + BaselineModel.TYPE + ", " + RevisedModel.TYPE + ")");
        };
        JsonNode weights = root.get("weights");
        if (weights == null || !weights.isObject()) throw new IllegalArgumentException("field \"weights\" is missing");
        double[] w = new double[model.parameterCount()];
        for (QnnModel.Block b : model.blocks()) {
            JsonNode a = weights.get(b.name());
            if (a == null || !a.isArray()) throw new IllegalArgumentException("weights." + b.name() + " is missing");
            if (a.size() != b.length()) {
                throw new IllegalArgumentException("weights." + b.name() + " has " + a.size() + " numbers, the architecture (" + model + ") needs " + b.length());
            }
            for (int k = 0; k < b.length(); k++) {
                JsonNode v = a.get(k);
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new IllegalArgumentException("weights." + b.name() + "[" + k + "] is not a finite number: " + v);
                w[b.offset() + k] = v.asDouble();
            }
        }
        java.util.Iterator<String> names = weights.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            boolean known = model.blocks().stream().anyMatch(b -> b.name().equals(name));
            if (!known) throw new IllegalArgumentException("weights." + name + " is not a weight block of " + type);
        }
        model.setParameters(w);
        return model;
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("field \"" + f + "\" is missing or not a string");
        return v.asText();
    }

    private static int integer(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) throw new IllegalArgumentException("field \"" + f + "\" is missing or not an integer");
        return v.asInt();
    }

    private static double number(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) throw new IllegalArgumentException("field \"" + f + "\" is missing or not a finite number");
        return v.asDouble();
    }
}
