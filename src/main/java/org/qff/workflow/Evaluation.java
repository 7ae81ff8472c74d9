package org.qff.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.qff.plot.Plots;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.train.ErrorMetrics;
import org.qff.qnn.train.TrainingFrame;
import org.qff.qnn.train.TrainingFrames;

/** Scores a potential on a test set, optionally with parity plots (energies in eV, forces in eV/Å). */
public final class Evaluation {
    private Evaluation() {}

    public static EvaluationResult run(Potential p, Dataset test, String molecule, int split, int nTrain, String modelPath, Path plotDir)
            throws IOException {
        for (int i = 0; i < test.atomCount(); i++) {
            if (!p.covers(test.atomicNumber(i))) {
                throw new IllegalArgumentException("model " + modelPath + " does not cover atom " + i + " (atomic number " + test.atomicNumber(i)
                        + ") of " + molecule);
            }
        }
        List<TrainingFrame> frames = TrainingFrames.of(test);
        int n = frames.size(), m = 3 * test.atomCount();
        double[] eRef = new double[n], ePred = new double[n], fRef = new double[n * m], fPred = new double[n * m];
        ErrorMetrics metrics = ErrorMetrics.evaluate(p, frames, (k, e, f) -> {
            eRef[k] = frames.get(k).energy();
            ePred[k] = e;
            System.arraycopy(frames.get(k).forces(), 0, fRef, k * m, m);
            System.arraycopy(f, 0, fPred, k * m, m);
        });
        if (plotDir != null) {
            // Energies relative to the reference mean: absolute rMD17 energies are ~ −10^4 eV.
            double mean = java.util.Arrays.stream(eRef).average().orElse(0);
            double[] er = new double[n], ep = new double[n];
            for (int k = 0; k < n; k++) {
                er[k] = (eRef[k] - mean) * 1e3;
                ep[k] = (ePred[k] - mean) * 1e3;
            }
            Plots.parity(plotDir.resolve("energy_parity.png"), molecule + " energy (relative to reference mean)", "meV", er, ep);
            Plots.parity(plotDir.resolve("force_parity.png"), molecule + " force components", "eV/Å", fRef, fPred);
        }
        return new EvaluationResult(p.name(), molecule, split, nTrain, metrics, modelPath);
    }
}
