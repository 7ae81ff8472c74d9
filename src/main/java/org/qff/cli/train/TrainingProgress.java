package org.qff.cli.train;

import java.util.Locale;
import org.qff.cli.Progress;
import org.qff.qnn.train.EpochRecord;
import org.qff.qnn.train.Trainer;

/** A progress bar over epochs showing the loss and validation MAEs. */
final class TrainingProgress implements Trainer.Listener, AutoCloseable {
    private final Progress progress;

    TrainingProgress(String task, int epochs) {
        this.progress = Progress.start(task, epochs);
    }

    @Override
    public void epochDone(EpochRecord r, int totalEpochs) {
        progress.stepTo(r.epoch() + 1, String.format(Locale.ROOT, "loss %.3g  val E %.1f meV  F %.1f meV/Å  %.1f s/epoch",
                r.trainLoss(), r.validationEnergyMae() * 1e3, r.validationForceMae() * 1e3, r.seconds()));
    }

    @Override
    public void close() {
        progress.close();
    }
}
