package org.qff.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qff.plot.Plots;
import org.qff.qnn.io.AtomicFiles;
import org.qff.qnn.train.EpochRecord;
import org.qff.qnn.train.ReferenceEnergyFit;
import org.qff.qnn.train.TrainableModel;
import org.qff.qnn.train.Trainer;
import org.qff.qnn.train.TrainerConfig;
import org.qff.qnn.train.TrainingFrame;
import org.qff.qnn.train.TrainingResult;

/**
 * One training run as the command line and the demo perform it: fit reference energies, train with
 * checkpoints and a CSV log, write the model file, the training curve and a summary into one
 * directory.
 *
 * <p>Files in {@code out}: {@code model.json}, {@code train_log.csv}, {@code checkpoint.json},
 * {@code training_curve.png}, {@code training.json}.
 */
public final class TrainingRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingRun() {}

    public record Outcome(TrainableModel model, TrainingResult result, Path modelFile, double seconds) {}

    public static Outcome run(TrainableModel model, List<TrainingFrame> train, List<TrainingFrame> validation, TrainerConfig config,
                              Path out, boolean resume, Trainer.Listener listener) throws IOException {
        OutputDirectory.prepare(out);
        Map<Integer, Double> offsets = ReferenceEnergyFit.fit(train);
        model.setReferenceEnergies(offsets);
        TrainerConfig c = config.withFiles(out.resolve("checkpoint.json"), out.resolve("train_log.csv"));
        TrainingResult r = new Trainer(c).train(model, train, validation, resume, listener);
        Path modelFile = out.resolve("model.json");
        AtomicFiles.writeString(modelFile, model.toJson());
        plotTrainingCurve(r.epochs(), out.resolve("training_curve.png"));
        ObjectNode summary = JSON.createObjectNode();
        summary.put("model", model.name());
        summary.put("parameters", model.parameterCount());
        summary.put("n_train", train.size());
        summary.put("n_validation", validation.size());
        summary.put("epochs_run", r.epochs().size());
        summary.put("best_epoch", r.bestEpoch());
        summary.put("stopped_early", r.stoppedEarly());
        summary.put("train_seconds", r.seconds());
        summary.put("seed", config.seed());
        summary.put("threads", config.threads());
        AtomicFiles.write(out.resolve("training.json"), o -> JSON.writerWithDefaultPrettyPrinter().writeValue(o, summary));
        return new Outcome(model, r, modelFile, r.seconds());
    }

    static void plotTrainingCurve(List<EpochRecord> epochs, Path png) throws IOException {
        if (epochs.isEmpty()) return;
        int n = epochs.size();
        double[] x = new double[n], loss = new double[n], e = new double[n], f = new double[n];
        for (int i = 0; i < n; i++) {
            EpochRecord r = epochs.get(i);
            x[i] = r.epoch() + 1;
            loss[i] = Math.max(r.trainLoss(), 1e-300);
            e[i] = Math.max(r.validationEnergyMae() * 1e3, 1e-300);
            f[i] = Math.max(r.validationForceMae() * 1e3, 1e-300);
        }
        List<Plots.Series> s = new ArrayList<>();
        s.add(new Plots.Series("train loss", x, loss));
        s.add(new Plots.Series("validation energy MAE (meV)", x, e));
        s.add(new Plots.Series("validation force MAE (meV/Å)", x, f));
        Plots.lines(png, "Training curve", "epoch", "loss / MAE", s, false, true);
    }
}
