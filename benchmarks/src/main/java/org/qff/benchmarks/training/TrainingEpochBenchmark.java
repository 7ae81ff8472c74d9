package org.qff.benchmarks.training;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.model.QnnModels;
import org.qff.qnn.model.QnnTrainableModel;
import org.qff.qnn.train.LearningRateSchedule;
import org.qff.qnn.train.LossWeights;
import org.qff.qnn.train.ReferenceEnergyFit;
import org.qff.qnn.train.Trainer;
import org.qff.qnn.train.TrainerConfig;
import org.qff.qnn.train.TrainingFrame;
import org.qff.qnn.train.TrainingFrames;

/**
 * One training epoch of the default revised QNN over the 1000 frames of rMD17 ethanol train_01
 * (energy and force loss, batch 16), 1 and 2 threads. A 10-frame validation pass is part of each
 * epoch, as in real training; it is 1 % of the work. Each invocation trains {@value #EPOCHS} epochs
 * and JMH reports the time per epoch: a single-epoch call would also pay, every time, for the
 * trainer's thread pool and the per-thread model workspaces that a real run creates once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainingEpochBenchmark {
    static final int EPOCHS = 3;

    @Param({"1", "2"})
    public int threads;

    private List<TrainingFrame> train;
    private List<TrainingFrame> validation;
    private QnnTrainableModel model;
    private double[] start;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Dataset all = Rmd17.load(Rmd17.defaultDataRoot(), "ethanol", Rmd17.Part.TRAIN, 1);
        train = TrainingFrames.of(all);
        validation = train.subList(0, 10);
        model = new QnnTrainableModel(QnnModels.defaultRevised(new int[] {1, 6, 8}, 1));
        model.setReferenceEnergies(ReferenceEnergyFit.fit(train));
        start = new double[model.parameterCount()];
        model.getParameters(start);
    }

    @Setup(Level.Iteration)
    public void reset() {
        model.setParameters(start);
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(EPOCHS)
    public double epoch() throws Exception {
        TrainerConfig c = new TrainerConfig(EPOCHS, 16, new LearningRateSchedule(0.02, 0, EPOCHS, 1), LossWeights.DEFAULT, 0, 1, threads, 1, null, null);
        return new Trainer(c).train(model, train, validation, false, null).epochs().get(0).trainLoss();
    }

    /** For the registry: data must be present (QFF_DATA/rmd17/rmd17_ethanol_train_01.npz). */
    static void requireData() {
        Path f = Rmd17.defaultDataRoot().resolve("rmd17").resolve("rmd17_ethanol_train_01.npz");
        if (!java.nio.file.Files.isRegularFile(f)) {
            throw new IllegalArgumentException("the training benchmark needs " + f + " (set QFF_DATA or run qff data fetch rmd17 --molecules ethanol)");
        }
    }
}
