package org.qff.qnn.potential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.qff.qnn.io.AtomicFiles;

/**
 * The model file of a {@link LennardJones} potential:
 * {@code {"type": "lennard-jones", "epsilon_eV": 0.0104, "sigma_A": 3.4}} (read by {@link Potentials}); with
 * {@code "cutoff_A"} it is a {@link TruncatedLennardJones}.
 */
public final class LennardJonesModelFile {
    public static final String TYPE = "lennard-jones";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LennardJonesModelFile() {}

    public static ObjectNode toJson(LennardJones lj) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE);
        root.put("epsilon_eV", lj.epsilon());
        root.put("sigma_A", lj.sigma());
        return root;
    }

    public static ObjectNode toJson(TruncatedLennardJones lj) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE);
        root.put("epsilon_eV", lj.epsilon());
        root.put("sigma_A", lj.sigma());
        root.put("cutoff_A", lj.cutoff());
        return root;
    }

    public static void write(TruncatedLennardJones lj, Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(toJson(lj)) + "\n");
    }

    public static void write(LennardJones lj, Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(toJson(lj)) + "\n");
    }
}
