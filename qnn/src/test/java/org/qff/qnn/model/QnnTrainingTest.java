package org.qff.qnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Molecules;
import org.qff.qnn.potential.Potentials;
import org.qff.qnn.train.LearningRateSchedule;
import org.qff.qnn.train.LossWeights;
import org.qff.qnn.train.ReferenceEnergyFit;
import org.qff.qnn.train.Trainer;
import org.qff.qnn.train.TrainerConfig;
import org.qff.qnn.train.TrainingFrame;
import org.qff.qnn.train.TrainingFrames;
import org.qff.qnn.data.SyntheticData;
import org.qff.qnn.train.TrainingResult;

/** A tiny revised QNN trained on ethanol geometries labelled by the classical bonded potential. */
class QnnTrainingTest {

    /** Ethanol displaced by 0.06 Å Gaussians, labelled by the classical bonded potential. */
    static List<TrainingFrame> syntheticEthanol(int count, long seed) {
        return TrainingFrames.of(SyntheticData.perturbed(Potentials.load("bonded-ethanol"), Molecules.ethanol(), count, 0.06, seed));
    }

    private static double[] train(List<TrainingFrame> train, List<TrainingFrame> val, int threads, int epochs, List<TrainingResult> results)
            throws Exception {
        QnnTrainableModel m = new QnnTrainableModel(QnnModels.defaultRevised(new int[] {1, 6, 8}, 3));
        m.setReferenceEnergies(ReferenceEnergyFit.fit(train));
        TrainerConfig c = new TrainerConfig(epochs, 8, new LearningRateSchedule(0.05, 1, epochs, 0.1), new LossWeights(1, 10), 0, 5, threads, 1, null, null);
        results.add(new Trainer(c).train(m, train, val, false, null));
        double[] p = new double[m.parameterCount()];
        m.getParameters(p);
        return p;
    }

    @Test
    void trainingCutsTheLossTenfold() throws Exception {
        List<TrainingFrame> all = syntheticEthanol(48, 11);
        List<TrainingResult> results = new ArrayList<>();
        train(all.subList(0, 40), all.subList(40, 48), 2, 40, results);
        TrainingResult r = results.get(0);
        double first = r.epochs().get(0).trainLoss(), last = r.epochs().get(r.epochs().size() - 1).trainLoss();
        assertTrue(last < 0.1 * first, "training loss " + first + " -> " + last);
    }

    @Test
    void aSavedModelScoresExactlyTheSameAfterLoading(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<TrainingFrame> all = syntheticEthanol(24, 13);
        QnnTrainableModel m = new QnnTrainableModel(QnnModels.defaultRevised(new int[] {1, 6, 8}, 4));
        m.setReferenceEnergies(ReferenceEnergyFit.fit(all));
        TrainerConfig c = new TrainerConfig(3, 8, new LearningRateSchedule(0.05, 0, 3, 0.1), new LossWeights(1, 10), 0, 5, 1, 1, null, null);
        new Trainer(c).train(m, all.subList(0, 18), all.subList(18, 24), false, null);
        java.nio.file.Path file = dir.resolve("model.json");
        java.nio.file.Files.writeString(file, m.toJson());
        org.qff.qnn.train.ErrorMetrics before = org.qff.qnn.train.ErrorMetrics.evaluate(m, all, null);
        org.qff.qnn.train.ErrorMetrics after = org.qff.qnn.train.ErrorMetrics.evaluate(Potentials.load(file.toString()), all, null);
        org.junit.jupiter.api.Assertions.assertEquals(before, after, "round trip through the model file must be exact");
    }

    @Test
    void twoThreadRunsWithOneSeedGiveTheSameBits() throws Exception {
        List<TrainingFrame> all = syntheticEthanol(20, 12);
        List<TrainingResult> results = new ArrayList<>();
        double[] a = train(all.subList(0, 16), all.subList(16, 20), 2, 3, results);
        double[] b = train(all.subList(0, 16), all.subList(16, 20), 2, 3, results);
        assertArrayEquals(a, b, 0.0, "same seed and threads must give the same bits");
    }
}
