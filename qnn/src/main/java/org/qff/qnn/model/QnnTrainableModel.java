package org.qff.qnn.model;

import java.util.Map;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.train.LossWeights;
import org.qff.qnn.train.TrainableModel;

/**
 * A {@link QnnModel} as seen by the generic {@link org.qff.qnn.train.Trainer}: its weights, its
 * exact loss gradient (through {@link LossGradient}, one per thread), and its model file.
 */
public final class QnnTrainableModel implements TrainableModel {
    private final QnnModel model;
    private final QnnPotential potential;
    private final ThreadLocal<LossGradient> lossGradient;
    private final ThreadLocal<double[]> gradientScratch;

    public QnnTrainableModel(QnnModel model) {
        this.model = model;
        this.potential = new QnnPotential(model);
        this.lossGradient = ThreadLocal.withInitial(() -> new LossGradient(model));
        this.gradientScratch = ThreadLocal.withInitial(() -> new double[model.parameterCount()]);
    }

    public QnnModel model() { return model; }

    @Override public int parameterCount() { return model.parameterCount(); }

    @Override public void getParameters(double[] out) { model.getParameters(out); }

    @Override public void setParameters(double[] parameters) { model.setParameters(parameters); }

    @Override
    public double accumulateLossGradient(Structure s, double energyRef, double[] forcesRef, LossWeights w, double[] gradient) {
        double[] g = gradientScratch.get();
        double loss = lossGradient.get().compute(s, energyRef, forcesRef, w.energy(), w.force(), g);
        for (int i = 0; i < g.length; i++) gradient[i] += g[i];
        return loss;
    }

    /** Sets each species' ε(Z) weight; species absent from the map keep theirs. */
    @Override
    public void setReferenceEnergies(Map<Integer, Double> offsets) {
        double[] w = model.getParameters();
        int[] species = model.species();
        for (int k = 0; k < species.length; k++) {
            Double e = offsets.get(species[k]);
            if (e != null) w[k] = e; // ε(Z) occupies the first speciesCount() weights
        }
        model.setParameters(w);
    }

    @Override public String toJson() { return ModelFiles.toJson(model).toPrettyString(); }

    @Override public double compute(Structure s, double[] forces, double[] atomEnergies) { return potential.compute(s, forces, atomEnergies); }

    @Override public boolean covers(int z) { return model.covers(z); }

    @Override public String name() { return model.type(); }
}
