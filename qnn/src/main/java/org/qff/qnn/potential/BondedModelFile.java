package org.qff.qnn.potential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qff.qnn.io.AtomicFiles;

/**
 * The model file of a {@link BondedPotential} (JSON, {@code "type": "classical-bonded"}):
 *
 * <pre>
 * {"type": "classical-bonded", "version": 1, "atomic_numbers": [6, 6, 8, 1, ...],
 *  "bonds": [{"i": 0, "j": 1, "D_eV": 3.6, "a_per_A": 2.0, "r0_A": 1.51}, ...],
 *  "angles": [{"i": 1, "j": 0, "k": 3, "k_eV": 3.5, "cos_theta0": -0.33}, ...],
 *  "repulsions": [{"i": 3, "j": 8, "epsilon_eV": 0.05, "sigma_A": 0.62}, ...]}
 * </pre>
 *
 * Numbers are written in shortest round-trip form, so write → read is exact.
 */
public final class BondedModelFile {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BondedModelFile() {}

    public static ObjectNode toJson(BondedTopology t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", BondedPotential.TYPE);
        root.put("version", VERSION);
        ArrayNode z = root.putArray("atomic_numbers");
        for (int v : t.atomicNumbers()) z.add(v);
        ArrayNode bonds = root.putArray("bonds");
        for (MorseBond b : t.bonds()) {
            bonds.addObject().put("i", b.i()).put("j", b.j()).put("D_eV", b.depth()).put("a_per_A", b.width()).put("r0_A", b.length());
        }
        ArrayNode angles = root.putArray("angles");
        for (HarmonicAngle a : t.angles()) {
            angles.addObject().put("i", a.i()).put("j", a.j()).put("k", a.k()).put("k_eV", a.stiffness()).put("cos_theta0", a.cosEquilibrium());
        }
        ArrayNode reps = root.putArray("repulsions");
        for (PairRepulsion p : t.repulsions()) {
            reps.addObject().put("i", p.i()).put("j", p.j()).put("epsilon_eV", p.epsilon()).put("sigma_A", p.sigma());
        }
        return root;
    }

    /** Writes the model file atomically. */
    public static void write(BondedTopology t, Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(toJson(t)) + "\n");
    }

    /**
     * Reads a parsed model file.
     *
     * @throws IllegalArgumentException naming the field that is missing, mistyped or out of range
     */
    public static BondedPotential read(JsonNode root) {
        int version = (int) Potentials.requiredNumber(root, "version");
        if (version != VERSION) throw new IllegalArgumentException("classical-bonded model version " + version + " is not supported (this qff reads version " + VERSION + ")");
        JsonNode zs = array(root, "atomic_numbers");
        int[] z = new int[zs.size()];
        for (int a = 0; a < z.length; a++) z[a] = integer(zs.get(a), "atomic_numbers[" + a + "]");
        List<MorseBond> bonds = new ArrayList<>();
        JsonNode bs = array(root, "bonds");
        for (int t = 0; t < bs.size(); t++) {
            JsonNode b = bs.get(t);
            String at = "bonds[" + t + "]";
            bonds.add(new MorseBond(integer(b.get("i"), at + ".i"), integer(b.get("j"), at + ".j"), number(b, "D_eV", at),
                    number(b, "a_per_A", at), number(b, "r0_A", at)));
        }
        List<HarmonicAngle> angles = new ArrayList<>();
        JsonNode as = array(root, "angles");
        for (int t = 0; t < as.size(); t++) {
            JsonNode a = as.get(t);
            String at = "angles[" + t + "]";
            angles.add(new HarmonicAngle(integer(a.get("i"), at + ".i"), integer(a.get("j"), at + ".j"), integer(a.get("k"), at + ".k"),
                    number(a, "k_eV", at), number(a, "cos_theta0", at)));
        }
        List<PairRepulsion> reps = new ArrayList<>();
        JsonNode ps = array(root, "repulsions");
        for (int t = 0; t < ps.size(); t++) {
            JsonNode p = ps.get(t);
            String at = "repulsions[" + t + "]";
            reps.add(new PairRepulsion(integer(p.get("i"), at + ".i"), integer(p.get("j"), at + ".j"), number(p, "epsilon_eV", at), number(p, "sigma_A", at)));
        }
        return new BondedPotential(new BondedTopology(z, bonds, angles, reps));
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isArray()) throw new IllegalArgumentException("field \"" + field + "\" is missing or not an array");
        return v;
    }

    private static int integer(JsonNode v, String where) {
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw new IllegalArgumentException("field \"" + where + "\" is missing or not an integer");
        return v.asInt();
    }

    private static double number(JsonNode node, String field, String where) {
        try {
            return Potentials.requiredNumber(node, field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
