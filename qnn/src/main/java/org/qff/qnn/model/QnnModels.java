package org.qff.qnn.model;

import org.qff.qnn.model.circuit.Topology;
import org.qff.qnn.potential.Potentials;

import java.util.Random;

/**
 * Default architectures and the hook that makes model files loadable through
 * {@link Potentials#load}: call {@link #register()} once (idempotent) before loading.
 *
 * <p>Defaults, chosen so aspirin (21 atoms, C/H/O, up to 17 neighbours within 4 Å) is cheap:
 * <ul>
 *   <li>revised: 4 qubits (2 singlet pairs, a 16-amplitude state), depth 2, ring exchange,
 *       cutoff 4.0 Å, 6 Gaussians on [0.7, 4.0] Å, reflection-averaged;</li>
 *   <li>baseline: 6 qubits (the 6 nearest neighbours), depth 2, cutoff 4.0 Å, reflection-averaged.</li>
 * </ul>
 */
public final class QnnModels {
    private QnnModels() {}

    public static final int REVISED_QUBITS = 4, REVISED_DEPTH = 2, REVISED_BASIS = 6;
    public static final double REVISED_CUTOFF = 4.0, REVISED_R_MIN = 0.7;
    public static final int BASELINE_QUBITS = 6, BASELINE_DEPTH = 2;
    public static final double BASELINE_CUTOFF = 4.0;

    private static boolean registered;

    public static synchronized void register() {
        if (registered) return;
        registered = true;
        Potentials.registerModelType(BaselineModel.TYPE, node -> new QnnPotential(ModelFiles.fromJson(node)));
        Potentials.registerModelType(RevisedModel.TYPE, node -> new QnnPotential(ModelFiles.fromJson(node)));
    }

    /** The default revised model for the given species with reproducible random weights. */
    public static RevisedModel defaultRevised(int[] species, long seed) {
        RevisedModel m = new RevisedModel(species, REVISED_CUTOFF, REVISED_QUBITS, REVISED_DEPTH, Topology.RING, REVISED_BASIS, REVISED_R_MIN, true);
        randomise(m, seed);
        return m;
    }

    public static BaselineModel defaultBaseline(int[] species, long seed) {
        BaselineModel m = new BaselineModel(species, BASELINE_CUTOFF, BASELINE_QUBITS, BASELINE_DEPTH, true);
        randomise(m, seed);
        return m;
    }

    /**
     * Reproducible starting weights: ε = 0, s = 1, every other weight uniform in (−0.5, 0.5) (encoding
     * angles of order 1 rad for typical bond lengths and basis sums).
     */
    public static void randomise(QnnModel m, long seed) {
        Random r = new Random(seed);
        double[] w = m.getParameters();
        int s = m.speciesCount();
        for (int k = 0; k < w.length; k++) w[k] = k < s ? 0 : k < 2 * s ? 1 : r.nextDouble() - 0.5;
        m.setParameters(w);
    }
}
