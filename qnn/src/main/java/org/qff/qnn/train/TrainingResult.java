package org.qff.qnn.train;

import java.util.List;

/**
 * The outcome of a training run: the per-epoch log, the epoch whose parameters were kept (best
 * validation loss), whether early stopping ended it, and the wall time of this run.
 */
public record TrainingResult(List<EpochRecord> epochs, int bestEpoch, boolean stoppedEarly, double seconds) {}
