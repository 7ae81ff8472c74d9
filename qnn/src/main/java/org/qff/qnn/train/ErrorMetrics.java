package org.qff.qnn.train;

import java.util.List;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.Potential;

/**
 * Energy and force errors of a potential on labelled frames: MAE and RMSE, in eV and eV/Å
 * (with meV and kcal/mol views). Force errors are over all Cartesian components.
 */
public record ErrorMetrics(int frames, double energyMae, double energyRmse, double forceMae, double forceRmse) {

    public double energyMaeMeV() { return energyMae / Units.MEV; }
    public double energyRmseMeV() { return energyRmse / Units.MEV; }
    public double forceMaeMeVPerA() { return forceMae / Units.MEV; }
    public double forceRmseMeVPerA() { return forceRmse / Units.MEV; }
    public double energyMaeKcal() { return energyMae / Units.KCAL_PER_MOL; }
    public double forceMaeKcal() { return forceMae / Units.KCAL_PER_MOL; }

    /** Evaluates the potential on every frame; {@code predictions} receives (E, F) per frame when non-null. */
    public static ErrorMetrics evaluate(Potential p, List<TrainingFrame> frames, Predictions predictions) {
        double eAbs = 0, eSq = 0, fAbs = 0, fSq = 0;
        long fCount = 0;
        for (int i = 0; i < frames.size(); i++) {
            TrainingFrame fr = frames.get(i);
            double[] f = new double[fr.forces().length];
            double e = p.compute(fr.structure(), f, null);
            if (!Double.isFinite(e)) throw new IllegalStateException("potential " + p.name() + " returned a non-finite energy for frame " + i);
            double de = e - fr.energy();
            eAbs += Math.abs(de);
            eSq += de * de;
            for (int k = 0; k < f.length; k++) {
                double df = f[k] - fr.forces()[k];
                fAbs += Math.abs(df);
                fSq += df * df;
            }
            fCount += f.length;
            if (predictions != null) predictions.accept(i, e, f);
        }
        int n = frames.size();
        if (n == 0) throw new IllegalArgumentException("no frames to evaluate");
        return new ErrorMetrics(n, eAbs / n, Math.sqrt(eSq / n), fAbs / fCount, Math.sqrt(fSq / fCount));
    }

    /** Receives each frame's predicted energy and forces. */
    @FunctionalInterface
    public interface Predictions {
        void accept(int frame, double energy, double[] forces);
    }
}
