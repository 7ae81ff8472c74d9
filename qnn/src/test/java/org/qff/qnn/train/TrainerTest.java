package org.qff.qnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;

class TrainerTest {

    /** Synthetic data: 40 jittered Ar7 clusters labelled by argon Lennard-Jones. */
    static List<TrainingFrame> frames(int count, long seed) {
        LennardJones truth = LennardJones.argon();
        Random rnd = new Random(seed);
        List<TrainingFrame> out = new ArrayList<>();
        int[] z = {18, 18, 18, 18, 18, 18, 18};
        double a = 3.8;
        double[][] base = {{0, 0, 0}, {a, 0, 0}, {0, a, 0}, {0, 0, a}, {-a, 0, 0}, {0, -a, 0}, {0, 0, -a}};
        for (int f = 0; f < count; f++) {
            double[] pos = new double[21];
            for (int i = 0; i < 7; i++) for (int c = 0; c < 3; c++) pos[3 * i + c] = base[i][c] + 0.15 * rnd.nextGaussian();
            Structure s = new Structure(z, pos);
            double[] force = new double[21];
            double e = truth.compute(s, force, null);
            out.add(new TrainingFrame(s, e, force));
        }
        return out;
    }

    private static TrainerConfig config(int epochs, int threads, Path dir) {
        return new TrainerConfig(epochs, 8, new LearningRateSchedule(0.05, 1, epochs, 0.1), new LossWeights(1, 10), 0, 42, threads, 1,
                dir == null ? null : dir.resolve("ckpt.json"), dir == null ? null : dir.resolve("log.csv"));
    }

    @Test
    void lossGradientMatchesFiniteDifferences() {
        TrainableLennardJones m = new TrainableLennardJones(0.02, 3.1);
        TrainingFrame f = frames(1, 3).get(0);
        double[] g = new double[2];
        m.accumulateLossGradient(f.structure(), f.energy(), f.forces(), LossWeights.DEFAULT, g);
        double[] p = new double[2];
        m.getParameters(p);
        for (int k = 0; k < 2; k++) {
            double h = 1e-6;
            double[] q = p.clone();
            q[k] += h;
            m.setParameters(q);
            double lp = m.accumulateLossGradient(f.structure(), f.energy(), f.forces(), LossWeights.DEFAULT, new double[2]);
            q[k] -= 2 * h;
            m.setParameters(q);
            double lm = m.accumulateLossGradient(f.structure(), f.energy(), f.forces(), LossWeights.DEFAULT, new double[2]);
            m.setParameters(p);
            // central difference: relative truncation error ~h² ≈ 1e-12, rounding ~1e-16/h ≈ 1e-10
            assertEquals((lp - lm) / (2 * h), g[k], 1e-6 * Math.abs(g[k]), "parameter " + k);
        }
    }

    @Test
    void trainingCutsTheLossTenfoldAndKeepsTheBestEpoch() throws Exception {
        List<TrainingFrame> all = frames(48, 1);
        TrainableLennardJones m = new TrainableLennardJones(0.02, 3.1);
        List<TrainingFrame> train = all.subList(0, 40), val = all.subList(40, 48);
        double before = ErrorMetrics.evaluate(m, val, null).forceRmse();
        TrainingResult r = new Trainer(config(30, 1, null)).train(m, train, val, false, null);
        double after = ErrorMetrics.evaluate(m, val, null).forceRmse();
        assertTrue(r.epochs().get(r.epochs().size() - 1).trainLoss() < 0.1 * r.epochs().get(0).trainLoss(),
                "loss fell from " + r.epochs().get(0).trainLoss() + " to " + r.epochs().get(r.epochs().size() - 1).trainLoss());
        assertTrue(after < 0.1 * before, "force RMSE " + before + " -> " + after);
        double[] p = new double[2];
        m.getParameters(p);
        assertEquals(Math.log(LennardJones.ARGON_SIGMA), p[1], 0.01);
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalBitsAndResumeEqualsUninterrupted(@TempDir Path dir) throws Exception {
        List<TrainingFrame> all = frames(48, 2);
        List<TrainingFrame> train = all.subList(0, 40), val = all.subList(40, 48);

        double[] straight = trainParams(train, val, config(8, 2, null), false, -1);
        double[] again = trainParams(train, val, config(8, 2, null), false, -1);
        assertArrayEquals(straight, again, 0.0);

        // Simulate a kill after epoch 3 (checkpoints every epoch), then resume.
        Path d = Files.createDirectories(dir.resolve("run"));
        assertThrows(IllegalStateException.class, () -> trainParams(train, val, config(8, 2, d), false, 3));
        assertTrue(Files.exists(d.resolve("ckpt.json")));
        double[] resumed = trainParams(train, val, config(8, 2, d), true, -1);
        assertArrayEquals(straight, resumed, 0.0);
        List<String> log = Files.readAllLines(d.resolve("log.csv"));
        assertEquals(9, log.size(), "header + 8 epochs");
        try (var s = Files.list(d)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left behind");
        }
    }

    @Test
    void resumeRefusesACheckpointOfAnotherRun(@TempDir Path dir) throws Exception {
        List<TrainingFrame> all = frames(20, 4);
        trainParams(all.subList(0, 16), all.subList(16, 20), config(2, 1, dir), false, -1);
        var ex = assertThrows(IllegalArgumentException.class, () -> trainParams(all.subList(0, 16), all.subList(16, 20), config(3, 1, dir), true, -1));
        assertTrue(ex.getMessage().contains("different run"), ex.getMessage());
    }

    @Test
    void referenceEnergiesReproduceTheMeanForOneComposition() {
        List<TrainingFrame> all = frames(10, 5);
        Map<Integer, Double> eps = ReferenceEnergyFit.fit(all);
        double mean = all.stream().mapToDouble(TrainingFrame::energy).average().orElseThrow();
        assertEquals(mean, 7 * eps.get(18), 1e-12);
    }

    private static double[] trainParams(List<TrainingFrame> train, List<TrainingFrame> val, TrainerConfig c, boolean resume, int killAfter)
            throws Exception {
        TrainableLennardJones m = new TrainableLennardJones(0.02, 3.1);
        new Trainer(c).train(m, train, val, resume, (rec, total) -> {
            if (rec.epoch() == killAfter) throw new IllegalStateException("killed");
        });
        double[] p = new double[2];
        m.getParameters(p);
        return p;
    }
}
