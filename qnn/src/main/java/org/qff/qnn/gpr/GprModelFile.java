package org.qff.qnn.gpr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qff.qnn.descriptor.AlfCoordinates;
import org.qff.qnn.descriptor.LocalFrame;
import org.qff.qnn.io.AtomicFiles;
import org.qff.qnn.potential.Potentials;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON model file of a GPR potential ({@code "type": "gpr"}, {@code "version": 1}). Numbers
 * are written in Java's shortest round-trip form, so reading a written model gives the same
 * doubles and the same predictions bit for bit. Reading checks every field and names the first
 * missing or malformed one.
 */
public final class GprModelFile {
    private GprModelFile() {}

    public static final int VERSION = 1;
    /** Version 2: the sparse (inducing-point, subset-of-regressors) model; version 1 files are dense models. */
    public static final int SPARSE_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the model atomically (a reader never sees a half-written file). */
    public static void write(GprModel model, Path path) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(model));
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** Writes a sparse model atomically ({@code "version": 2}). */
    public static void write(SparseGprModel model, Path path) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson(model));
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /** Reads a model file through {@link Potentials#load}, so the error messages name the file. */
    public static GprPotential read(Path path) {
        GprPotential.register();
        var p = Potentials.load(path.toString());
        if (!(p instanceof GprPotential g)) throw new IllegalArgumentException("model file " + path + " is not a GPR model (it is " + p.name() + ")");
        return g;
    }

    public static ObjectNode toJson(GprModel m) {
        ObjectNode root = header(VERSION, m.species(), m.frames(), m.lengthScaleFactors(), m.lengthScales(), m.signalVariance(), m.energyNoise(),
                m.forceNoise(), m.jitter(), m.priorMean());
        ObjectNode training = root.putObject("training");
        training.put("observations", m.withForces() ? "energies+forces" : "energies");
        training.put("log_marginal_likelihood", m.logMarginalLikelihood());
        matrix(training.putArray("positions_A"), m.trainingPositions());
        vector(training.putArray("weights"), m.weights());
        return root;
    }

    public static ObjectNode toJson(SparseGprModel m) {
        ObjectNode root = header(SPARSE_VERSION, m.species(), m.frames(), m.lengthScaleFactors(), m.lengthScales(), m.signalVariance(),
                m.energyNoise(), m.forceNoise(), m.jitter(), m.priorMean());
        ObjectNode sparse = root.putObject("sparse");
        sparse.put("approximation", "subset of regressors (projected-process mean, DTC variance)");
        sparse.put("inducing_selection", "evenly spaced training geometries");
        sparse.put("inducing_count", m.inducingCount());
        matrix(sparse.putArray("inducing_positions_A"), m.inducingPositions());
        ObjectNode training = root.putObject("training");
        training.put("observations", m.withForces() ? "energies+forces" : "energies");
        training.put("geometries", m.trainingCount());
        training.put("log_marginal_likelihood", m.logMarginalLikelihood());
        vector(training.putArray("weights"), m.weights());
        return root;
    }

    private static ObjectNode header(int version, int[] speciesList, List<LocalFrame> frameList, double[] factors, double[][] lengthScales,
                                     double signalVariance, double energyNoise, double forceNoise, double jitter, PriorMean pm) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", GprPotential.TYPE);
        root.put("version", version);
        ArrayNode species = root.putArray("atomic_numbers");
        for (int z : speciesList) species.add(z);
        root.put("local_frame_coordinates", frameList.get(0).coordinates().fileName());
        ArrayNode frames = root.putArray("local_frames");
        for (LocalFrame f : frameList) {
            ObjectNode o = frames.addObject();
            o.put("centre", f.centre());
            o.put("x_axis_atom", f.xAxisAtom());
            o.put("xy_plane_atom", f.xyPlaneAtom());
            ArrayNode others = o.putArray("others");
            for (int j : f.others()) others.add(j);
        }
        ObjectNode kernel = root.putObject("kernel");
        kernel.put("name", frameList.get(0).coordinates() == AlfCoordinates.SPHERICAL ? "rbf, periodic in azimuths" : "rbf");
        vector(kernel.putArray("length_scale_factors"), factors);
        matrix(kernel.putArray("length_scales"), lengthScales);
        kernel.put("signal_variance_eV2", signalVariance);
        kernel.put("energy_noise", energyNoise);
        kernel.put("force_noise", forceNoise);
        kernel.put("jitter", jitter);
        ObjectNode mean = root.putObject("prior_mean");
        mean.put("name", pm.kind().fileName());
        mean.put("margin_eV", pm.margin());
        mean.put("constant_eV", pm.constant());
        matrix(mean.putArray("centres"), pm.centres());
        matrix(mean.putArray("scales"), pm.scales());
        matrix(mean.putArray("coefficients"), pm.coefficients());
        return root;
    }

    /** The reader registered for {@code "type": "gpr"}: version 1 is the dense model, version 2 the sparse one. */
    public static org.qff.qnn.potential.Potential fromJson(JsonNode root) {
        int version = integer(root, "version");
        if (version != VERSION && version != SPARSE_VERSION) {
            throw new IllegalArgumentException("GPR model version " + version + " is not supported (this qff reads versions " + VERSION + " (dense) and "
                    + SPARSE_VERSION + " (sparse))");
        }
        int[] species = intArray(root, "atomic_numbers");
        // files written before the Cartesian coordinates existed have no such field: they are spherical
        AlfCoordinates coordinates = root.has("local_frame_coordinates") ? AlfCoordinates.parse(text(root, "local_frame_coordinates"))
                : AlfCoordinates.SPHERICAL;
        JsonNode framesNode = array(root, "local_frames");
        List<LocalFrame> frames = new ArrayList<>();
        for (int i = 0; i < framesNode.size(); i++) {
            JsonNode f = framesNode.get(i);
            String at = "local_frames[" + i + "].";
            try {
                frames.add(new LocalFrame(integer(f, "centre"), integer(f, "x_axis_atom"), integer(f, "xy_plane_atom"), intArray(f, "others"), coordinates));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + e.getMessage(), e);
            }
            LocalFrame lf = frames.get(i);
            int n = species.length;
            for (int j : lf.others()) if (j < 0 || j >= n) throw new IllegalArgumentException(at + "others holds atom " + j + " outside 0.." + (n - 1));
            if (lf.xAxisAtom() < 0 || lf.xAxisAtom() >= n || lf.xyPlaneAtom() < 0 || lf.xyPlaneAtom() >= n) {
                throw new IllegalArgumentException(at + " names a frame atom outside 0.." + (n - 1));
            }
        }
        JsonNode kernel = object(root, "kernel");
        JsonNode mean = object(root, "prior_mean");
        JsonNode training = object(root, "training");
        PriorMeanKind kind = PriorMeanKind.fromName(text(mean, "name"));
        PriorMean pm = new PriorMean(kind, number(mean, "margin_eV"), number(mean, "constant_eV"), matrix(mean, "centres"),
                matrix(mean, "scales"), matrix(mean, "coefficients"), coordinates);
        String obs = text(training, "observations");
        boolean withForces = switch (obs) {
            case "energies+forces" -> true;
            case "energies" -> false;
            default -> throw new IllegalArgumentException("field \"observations\" must be \"energies+forces\" or \"energies\", got \"" + obs + "\"");
        };
        if (version == SPARSE_VERSION) {
            JsonNode sparse = object(root, "sparse");
            double[][] inducing = matrix(sparse, "inducing_positions_A");
            if (integer(sparse, "inducing_count") != inducing.length) {
                throw new IllegalArgumentException("field \"inducing_count\" is " + integer(sparse, "inducing_count") + " but \"inducing_positions_A\" holds "
                        + inducing.length + " geometries");
            }
            SparseGprModel model = new SparseGprModel(species, frames, matrix(kernel, "length_scales"), vector(kernel, "length_scale_factors"),
                    number(kernel, "signal_variance_eV2"), number(kernel, "energy_noise"), number(kernel, "force_noise"), number(kernel, "jitter"),
                    withForces, integer(training, "geometries"), inducing, vector(training, "weights"), pm, number(training, "log_marginal_likelihood"));
            return new SparseGprPotential(model);
        }
        GprModel model = new GprModel(species, frames, matrix(kernel, "length_scales"), vector(kernel, "length_scale_factors"),
                number(kernel, "signal_variance_eV2"), number(kernel, "energy_noise"), number(kernel, "force_noise"), number(kernel, "jitter"),
                withForces, matrix(training, "positions_A"), vector(training, "weights"), pm, number(training, "log_marginal_likelihood"));
        return new GprPotential(model);
    }

    private static void matrix(ArrayNode node, double[][] m) {
        for (double[] row : m) vector(node.addArray(), row);
    }

    private static void vector(ArrayNode node, double[] v) {
        for (double x : v) node.add(x);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) throw new IllegalArgumentException("field \"" + name + "\" is missing");
        return v;
    }

    private static JsonNode object(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isObject()) throw new IllegalArgumentException("field \"" + name + "\" is not an object");
        return v;
    }

    private static JsonNode array(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isArray()) throw new IllegalArgumentException("field \"" + name + "\" is not an array");
        return v;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isTextual()) throw new IllegalArgumentException("field \"" + name + "\" is not a string");
        return v.asText();
    }

    private static double number(JsonNode node, String name) {
        return Potentials.requiredNumber(node, name);
    }

    private static int integer(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new IllegalArgumentException("field \"" + name + "\" is not an integer: " + v);
        return v.asInt();
    }

    private static int[] intArray(JsonNode node, String name) {
        JsonNode a = array(node, name);
        int[] out = new int[a.size()];
        for (int k = 0; k < out.length; k++) {
            JsonNode v = a.get(k);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new IllegalArgumentException("field \"" + name + "\"[" + k + "] is not an integer: " + v);
            out[k] = v.asInt();
        }
        return out;
    }

    private static double[] vector(JsonNode node, String name) {
        return toVector(array(node, name), name);
    }

    private static double[] toVector(JsonNode a, String name) {
        double[] out = new double[a.size()];
        for (int k = 0; k < out.length; k++) {
            JsonNode v = a.get(k);
            if (!v.isNumber()) throw new IllegalArgumentException("field \"" + name + "\"[" + k + "] is not a number: " + v);
            out[k] = v.asDouble();
            if (!Double.isFinite(out[k])) throw new IllegalArgumentException("field \"" + name + "\"[" + k + "] is not finite");
        }
        return out;
    }

    private static double[][] matrix(JsonNode node, String name) {
        JsonNode a = array(node, name);
        double[][] out = new double[a.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = a.get(r);
            if (!row.isArray()) throw new IllegalArgumentException("field \"" + name + "\"[" + r + "] is not an array");
            out[r] = toVector(row, name + "[" + r + "]");
        }
        return out;
    }
}
