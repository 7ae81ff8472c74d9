package org.qff.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.gpr.GprModelFile;
import org.qff.qnn.gpr.GprOptions;
import org.qff.qnn.gpr.GprPotential;
import org.qff.qnn.gpr.GprTrainer;
import org.qff.qnn.gpr.PriorMeanKind;
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
     * @param modelType revised | baseline | gpr
     * @param priorMean for gpr: a prior-mean name (zero, constant, linear, quadratic, shifted-high-…)
     */
    public static Fitted fit(String modelType, String priorMean, Dataset train, Dataset validation, TrainerConfig config,
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
                long t0 = System.nanoTime();
                OutputDirectory.prepare(out);
                GprPotential gpr = GprTrainer.train(train, GprOptions.defaults().withPriorMean(kind));
                double seconds = (System.nanoTime() - t0) * 1e-9;
                Path file = out.resolve("model.json");
                GprModelFile.write(gpr.model(), file);
                return new Fitted(gpr, file, seconds, "gpr (prior mean " + kind.fileName() + ")");
            }
            default -> throw new IllegalArgumentException("unknown model type \"" + modelType + "\" (known: " + TYPES + ")");
        }
    }
}
