package org.qff.cli.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.data.Splits;
import org.qff.workflow.Evaluation;
import org.qff.workflow.EvaluationResult;
import org.qff.workflow.Fitting;
import org.qff.workflow.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `qff learning-curve`: train at several training-set sizes and plot test error against N. */
@Command(name = "learning-curve", mixinStandardHelpOptions = true,
        description = {"Train at several training-set sizes and plot test errors against N.",
                "Trains each model type at each N (frames drawn from the training split: 95%% train, 5%% validation,",
                "at least 5) and score on the test split. Writes DIR/results.json, results.md,",
                "learning_curve_<molecule>_energy.png and _force.png and DIR/<molecule>/<type>/N<n>/model.json."})
public final class LearningCurveCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions options;

    @Option(names = "--model-types", split = ",", defaultValue = "revised,baseline", description = "comma-separated (default: ${DEFAULT-VALUE})")
    List<String> modelTypes;

    @Option(names = "--sizes", split = ",", defaultValue = "50,100,250,500,1000", description = "training-set sizes N (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--n-test", description = "test frames (seeded sample; default all 1000)")
    Integer nTest;

    @Option(names = "--out", defaultValue = "qff-learning-curve", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        for (int n : sizes) if (n < 10) throw new IllegalArgumentException("training-set size " + n + " is too small (need at least 10)");
        Dataset trainSplit = Rmd17.load(options.dataRoot(), options.molecule, Rmd17.Part.TRAIN, options.split);
        Dataset test = Rmd17.load(options.dataRoot(), options.molecule, Rmd17.Part.TEST, options.split);
        if (nTest != null) test = Splits.sample(test, nTest, 0);
        org.qff.workflow.OutputDirectory.prepare(out);
        Path resultsFile = out.resolve("results.json");
        ResultsTable table = ResultsTable.read(resultsFile);
        for (String type : modelTypes) {
            for (int n : sizes) {
                int nVal = Math.max(5, (int) Math.round(0.05 * n));
                Splits.TrainValidation tv = Splits.trainValidation(trainSplit, n - nVal, nVal, options.seed);
                String tag = type.equals("gpr") ? options.gprTag() : type;
                Path dir = out.resolve(options.molecule).resolve(tag).resolve("N" + n);
                System.out.printf("== %s, N = %d (%d train + %d validation)%n", tag, n, n - nVal, nVal);
                Fitting.Fitted fitted;
                try (TrainingProgress progress = new TrainingProgress(tag + " N=" + n, options.epochs)) {
                    fitted = Fitting.fit(type, options.priorMean, options.gprSettings(), tv.train(), tv.validation(), options.config(), dir, false, progress);
                }
                EvaluationResult r = Evaluation.run(fitted.potential(), test, options.molecule, options.split, n, fitted.modelFile().toString(), dir);
                System.out.printf(Locale.ROOT, "   test: energy MAE %.2f meV, force MAE %.2f meV/Å (%.0f s training)%n",
                        r.metrics().energyMaeMeV(), r.metrics().forceMaeMeVPerA(), fitted.trainSeconds());
                String command = String.format(Locale.ROOT,
                        "qff train --model-type %s%s --molecule %s --split %d --n-train %d --n-val %d --epochs %d --batch-size %d --lr %s"
                                + " --energy-weight %s --force-weight %s --patience %d --seed %d --threads %d --out %s",
                        type, type.equals("gpr") ? " --prior-mean " + options.priorMean + options.gprCommandOptions(n - nVal) : "", options.molecule, options.split, n - nVal, nVal,
                        options.epochs, options.batchSize, options.learningRate, options.energyWeight, options.forceWeight, options.patience,
                        options.seed, options.config().threads(), dir);
                table.put(new ResultsTable.Row(tag, options.molecule, n, options.split, r.metrics().energyMaeMeV(), r.metrics().forceMaeMeVPerA(),
                        r.metrics().energyRmseMeV(), r.metrics().forceRmseMeVPerA(), fitted.trainSeconds(), fitted.modelFile().toString(), command));
                table.writeJson(resultsFile);
            }
        }
        org.qff.qnn.io.AtomicFiles.writeString(out.resolve("results.md"), table.markdown());
        table.plotLearningCurves(out);
        System.out.print(table.markdown());
        System.out.println("results in " + out);
        return 0;
    }
}
