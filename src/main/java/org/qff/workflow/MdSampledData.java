package org.qff.workflow;

import org.qff.md.Ensemble;
import org.qff.md.MdSettings;
import org.qff.md.MdSimulation;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.SyntheticData;
import org.qff.qnn.potential.Potential;

/**
 * A labelled dataset made without downloads: geometries from Langevin MD with a classical
 * potential (one every {@code stride} steps of 0.5 fs after 0.5 ps of equilibration), labelled by
 * {@link SyntheticData#label}. Thermal geometries, unlike random displacements, sample the region
 * an MD run with the fitted model will visit. Used when rMD17 is not available (offline demo).
 */
public final class MdSampledData {
    private MdSampledData() {}

    private static final int EQUILIBRATION_STEPS = 1000;

    public static Dataset sample(String name, Structure start, Potential potential, double temperatureK, int frames, int stride, long seed)
            throws java.io.IOException {
        if (frames < 1 || stride < 1) throw new IllegalArgumentException("need frames >= 1 and stride >= 1, got " + frames + ", " + stride);
        MdSimulation sim = MdSimulation.start(start, potential, MdSettings.of(Ensemble.LANGEVIN, 0.5, temperatureK, seed));
        var bad = sim.run(EQUILIBRATION_STEPS, null, null);
        if (bad != null) throw new IllegalStateException("sampling MD failed during equilibration: " + bad.message());
        Structure[] geometries = new Structure[frames];
        for (int f = 0; f < frames; f++) {
            bad = sim.run(sim.system().step + stride, null, null);
            if (bad != null) throw new IllegalStateException("sampling MD failed at frame " + f + ": " + bad.message());
            geometries[f] = sim.system().structure();
        }
        return SyntheticData.label(potential, geometries, name);
    }
}
