package org.qff.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.descriptor.AlfCoordinates;
import org.qff.qnn.gpr.GprModelFile;
import org.qff.qnn.gpr.GprOptions;
import org.qff.qnn.gpr.GprPotential;
import org.qff.qnn.gpr.GprTrainer;
import org.qff.qnn.gpr.PriorMeanKind;
import org.qff.qnn.gpr.SparseGprPotential;
import org.qff.qnn.gpr.SparseGprTrainer;
import org.qff.qnn.model.QnnModel;
import org.qff.qnn.model.QnnModels;
import org.qff.qnn.model.QnnTrainableModel;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.train.Trainer;
import org.qff.qnn.train.TrainerConfig;
import org.qff.qnn.train.TrainingFrames;

/**
 * Fits one model type to a training set and writes it to {@code out/model.json}: the QNN
 * architectures by gradient training ({@link TrainingRun}), the GPR by its closed-form solve.
 */
public final class Fitting {
    private Fitting() {}

    /** Model types {@code qff train --model-type} accepts. */
    public static final String TYPES = "revised, baseline, gpr";

    public record Fitted(Potential potential, Path modelFile, double trainSeconds, String description) {}

    /**
     * GPR solver settings.
     *
     * @param inducing null: automatic ({@link #resolveInducing}); 0: dense (exact) GPR; M ≥ 1: sparse with M inducing geometries
     * @param hyperparameterFrames geometries the marginal-likelihood search uses (0: all)
     * @param coordinates how the local frames place the other atoms
     * @param shiftMargin eV between the highest training energy and a shifted-high prior mean
     */
    public record GprSettings(Integer inducing, int hyperparameterFrames, AlfCoordinates coordinates, double shiftMargin) {
        public static GprSettings defaults() {
            return new GprSettings(null, GprOptions.DEFAULT_HYPERPARAMETER_FRAMES, AlfCoordinates.DEFAULT, GprOptions.defaults().shiftMargin());
        }
    }

    /** Up to this many training geometries the automatic choice is the dense (exact) GPR. */
    public static final int DENSE_LIMIT = 300;
    /** Inducing geometries of the automatic sparse choice. */
    public static final int DEFAULT_INDUCING = 200;

    /** The inducing-point count actually used: 0 (dense) or M; automatic: dense up to {@link #DENSE_LIMIT} geometries, else {@link #DEFAULT_INDUCING}. */
    public static int resolveInducing(Integer inducing, int trainingGeometries) {
        if (inducing == null) return trainingGeometries <= DENSE_LIMIT ? 0 : Math.min(DEFAULT_INDUCING, trainingGeometries);
        if (inducing < 0) throw new IllegalArgumentException("--inducing must be 0 (dense) or a positive count, got " + inducing);
        if (inducing > trainingGeometries) {
            throw new IllegalArgumentException("--inducing " + inducing + " is more than the " + trainingGeometries + " training geometries");
        }
        return inducing;
    }

    /**
     * @param modelType revised | baseline | gpr
     * @param priorMean for gpr: a prior-mean name (zero, constant, linear, quadratic, shifted-high-…)
     */
    public static Fitted fit(String modelType, String priorMean, Dataset train, Dataset validation, TrainerConfig config,
                             Path out, boolean resume, Trainer.Listener listener) throws IOException {
        return fit(modelType, priorMean, GprSettings.defaults(), train, validation, config, out, resume, listener);
    }

    public static Fitted fit(String modelType, String priorMean, GprSettings gprSettings, Dataset train, Dataset validation, TrainerConfig config,
                             Path out, boolean resume, Trainer.Listener listener) throws IOException {
        int[] species = java.util.Arrays.stream(train.atomicNumbers()).distinct().sorted().toArray();
        switch (modelType.toLowerCase(Locale.ROOT)) {
            case "revised", "baseline" -> {
                QnnModel model = modelType.equalsIgnoreCase("revised")
                        ? QnnModels.defaultRevised(species, config.seed()) : QnnModels.defaultBaseline(species, config.seed());
                QnnTrainableModel trainable = new QnnTrainableModel(model);
                TrainingRun.Outcome o = TrainingRun.run(trainable, TrainingFrames.of(train), TrainingFrames.of(validation), config, out,
                        resume, listener);
                return new Fitted(trainable, o.modelFile(), o.seconds(), model.type() + " with " + model.parameterCount() + " weights");
            }
            case "gpr" -> {
                PriorMeanKind kind = PriorMeanKind.fromName(priorMean);
                int inducing = resolveInducing(gprSettings.inducing(), train.size());
                GprOptions options = GprOptions.defaults().withPriorMean(kind).withHyperparameterFrames(gprSettings.hyperparameterFrames())
                        .withCoordinates(gprSettings.coordinates()).withShiftMargin(gprSettings.shiftMargin());
                long t0 = System.nanoTime();
                OutputDirectory.prepare(out);
                Path file = out.resolve("model.json");
                if (inducing == 0) {
                    GprPotential gpr = GprTrainer.train(train, options);
                    double seconds = (System.nanoTime() - t0) * 1e-9;
                    GprModelFile.write(gpr.model(), file);
                    return new Fitted(gpr, file, seconds, "gpr (prior mean " + kind.fileName() + ", " + options.coordinates().fileName() + " frames)");
                }
                SparseGprPotential gpr = SparseGprTrainer.train(train, options, inducing);
                double seconds = (System.nanoTime() - t0) * 1e-9;
                GprModelFile.write(gpr.model(), file);
                return new Fitted(gpr, file, seconds, "sparse gpr (prior mean " + kind.fileName() + ", " + options.coordinates().fileName() + " frames, " + inducing + " inducing geometries)");
            }
            default -> throw new IllegalArgumentException("unknown model type \"" + modelType + "\" (known: " + TYPES + ")");
        }
    }
}
