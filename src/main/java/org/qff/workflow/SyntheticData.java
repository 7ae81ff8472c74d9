package org.qff.workflow;

import org.qff.md.Ensemble;
import org.qff.md.MdSettings;
import org.qff.md.MdSimulation;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.potential.Potential;

/**
 * A labelled dataset made without downloads: Langevin MD with a classical potential, one frame
 * every {@code stride} steps after a short equilibration, labelled with that potential's energy
 * and forces. Used when rMD17 is not available (offline demo).
 */
public final class SyntheticData {
    private SyntheticData() {}

    /** Equilibration before the first sampled frame, in steps of 0.5 fs (0.5 ps). */
    private static final int EQUILIBRATION_STEPS = 1000;

    public static Dataset sample(String name, Structure start, Potential potential, double temperatureK, int frames, int stride, long seed)
            throws java.io.IOException {
        if (frames < 1 || stride < 1) throw new IllegalArgumentException("need frames >= 1 and stride >= 1, got " + frames + ", " + stride);
        MdSimulation sim = MdSimulation.start(start, potential, MdSettings.of(Ensemble.LANGEVIN, 0.5, temperatureK, seed));
        int n = start.size();
        double[][] pos = new double[frames][], forces = new double[frames][];
        double[] energies = new double[frames];
        var bad = sim.run(EQUILIBRATION_STEPS, null, null);
        if (bad != null) throw new IllegalStateException("synthetic data MD failed during equilibration: " + bad.message());
        for (int f = 0; f < frames; f++) {
            bad = sim.run(sim.system().step + stride, null, null);
            if (bad != null) throw new IllegalStateException("synthetic data MD failed at frame " + f + ": " + bad.message());
            pos[f] = sim.system().positions.clone();
            forces[f] = sim.system().forces.clone();
            energies[f] = sim.system().potentialEnergy;
        }
        int[] z = new int[n];
        for (int i = 0; i < n; i++) z[i] = start.atomicNumber(i);
        return new Dataset(name, z, pos, energies, forces);
    }
}
