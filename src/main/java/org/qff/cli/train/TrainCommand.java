package org.qff.cli.train;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.data.Splits;
import org.qff.workflow.Fitting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `qff train`: fit a model on an rMD17 training split (950 train + 50 validation frames by default). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit a QNN (revised, baseline) or GPR model to an rMD17 molecule.",
                "Frames come from rmd17_<molecule>_train_<split>.npz: a seeded shuffle gives --n-train training and --n-val validation frames.",
                "Writes DIR/model.json, train_log.csv, checkpoint.json, training_curve.png, training.json."})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions options;

    @Option(names = "--n-train", defaultValue = "950", description = "training frames (default: ${DEFAULT-VALUE})")
    int nTrain;

    @Option(names = "--n-val", defaultValue = "50", description = "validation frames for early stopping (default: ${DEFAULT-VALUE})")
    int nValidation;

    @Option(names = "--out", defaultValue = "qff-train", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--resume", description = "continue from DIR/checkpoint.json of an interrupted run with the same options")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Dataset data = Rmd17.load(options.dataRoot(), options.molecule, Rmd17.Part.TRAIN, options.split);
        Splits.TrainValidation tv = Splits.trainValidation(data, nTrain, nValidation, options.seed);
        if (options.modelType.equalsIgnoreCase("gpr")) Fitting.resolveInducing(options.gprSettings().inducing(), nTrain);
        org.qff.workflow.OutputDirectory.prepare(out); // after the inputs are known good: bad input leaves nothing behind
        System.out.printf("training %s on %s: %d train + %d validation frames, seed %d%n", options.modelType, options.molecule, nTrain,
                nValidation, options.seed);
        Fitting.Fitted fitted;
        try (TrainingProgress progress = new TrainingProgress("train " + options.modelType, options.epochs)) {
            fitted = Fitting.fit(options.modelType, options.priorMean, options.gprSettings(), tv.train(), tv.validation(), options.config(), out, resume, progress);
        }
        System.out.printf("trained %s in %.1f s; model written to %s%n", fitted.description(), fitted.trainSeconds(), fitted.modelFile());
        System.out.printf("next: qff evaluate --model %s --molecule %s --split %d%n", fitted.modelFile(), options.molecule, options.split);
        return 0;
    }
}
