package org.qff.qnn.potential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns what a user types after {@code --model} into a {@link Potential}: either the name of a
 * built-in classical potential, or the path of a model file (JSON with {@code "type"}).
 *
 * <p>Model kinds register here: {@link #registerBuiltin} for names, {@link #registerModelType}
 * for the {@code "type"} field of model files.
 */
public final class Potentials {
    private Potentials() {}

    private static final Map<String, Supplier<Potential>> BUILTINS = new TreeMap<>();
    private static final Map<String, Function<JsonNode, Potential>> MODEL_TYPES = new TreeMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        registerBuiltin("lj-argon", LennardJones::argon);
        // Ethanol in rMD17 atom order: Morse bonds, angles and repulsion around an idealised geometry.
        registerBuiltin("bonded-ethanol", () -> BondedPotential.fromReference(org.qff.qnn.atoms.Molecules.ethanol()));
        // Without "cutoff_A": all pairs of an isolated cluster; with it: truncated and shifted, periodic cells allowed.
        registerModelType("lennard-jones", node -> node.has("cutoff_A")
                ? new TruncatedLennardJones(requiredNumber(node, "epsilon_eV"), requiredNumber(node, "sigma_A"), requiredNumber(node, "cutoff_A"))
                : new LennardJones(requiredNumber(node, "epsilon_eV"), requiredNumber(node, "sigma_A")));
        registerModelType(BondedPotential.TYPE, BondedModelFile::read);
    }

    public static synchronized void registerBuiltin(String name, Supplier<Potential> factory) {
        BUILTINS.put(name, factory);
    }

    public static synchronized void registerModelType(String type, Function<JsonNode, Potential> reader) {
        MODEL_TYPES.put(type, reader);
    }

    /** Names of the built-in potentials, sorted. */
    public static synchronized java.util.Set<String> builtinNames() {
        return java.util.Set.copyOf(BUILTINS.keySet());
    }

    /**
     * A built-in by name, or a model file by path.
     *
     * @throws IllegalArgumentException naming the spec when it is neither, or the file is damaged
     */
    public static Potential load(String spec) {
        Supplier<Potential> builtin;
        synchronized (Potentials.class) {
            builtin = BUILTINS.get(spec);
        }
        if (builtin != null) return builtin.get();
        Path path = Path.of(spec);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("model \"" + spec + "\" is neither a built-in potential " + builtinNames()
                    + " nor an existing model file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("model file " + path + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.hasNonNull("type")) {
            throw new IllegalArgumentException("model file " + path + " has no \"type\" field");
        }
        String type = root.get("type").asText();
        Function<JsonNode, Potential> reader;
        synchronized (Potentials.class) {
            reader = MODEL_TYPES.get(type);
        }
        if (reader == null) {
            throw new IllegalArgumentException("model file " + path + " has unknown type \"" + type + "\" (known: " + MODEL_TYPES.keySet() + ")");
        }
        try {
            return reader.apply(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model file " + path + ": " + e.getMessage(), e);
        }
    }

    /** A required finite number field of a model file. */
    public static double requiredNumber(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException("field \"" + field + "\" is missing or not a number");
        double x = v.asDouble();
        if (!Double.isFinite(x)) throw new IllegalArgumentException("field \"" + field + "\" is not finite: " + x);
        return x;
    }
}
