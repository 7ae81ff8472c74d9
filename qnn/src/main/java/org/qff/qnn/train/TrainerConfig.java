package org.qff.qnn.train;

import java.nio.file.Path;

/**
 * How to train: epochs, mini-batch size, learning-rate schedule, loss weights, early stopping,
 * seed, threads, checkpointing. The seed and thread count fix the result bit for bit.
 *
 * @param patience epochs without a better validation loss before stopping (0: never stop early)
 * @param checkpoint where to write checkpoints (null: none); written atomically every
 *     {@code checkpointEvery} epochs and at the end
 * @param csvLog per-epoch log (null: none), rewritten atomically each epoch
 */
public record TrainerConfig(int epochs, int batchSize, LearningRateSchedule schedule, LossWeights weights, int patience,
                            long seed, int threads, int checkpointEvery, Path checkpoint, Path csvLog) {

    public TrainerConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (patience < 0) throw new IllegalArgumentException("patience must be non-negative, got " + patience);
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval must be at least 1, got " + checkpointEvery);
        if (schedule == null || weights == null) throw new IllegalArgumentException("schedule and loss weights are required");
    }

    /** Defaults shared with the command line (compile-time constants, so picocli annotations can use them). */
    public static final int DEFAULT_BATCH_SIZE = 16;
    public static final double DEFAULT_LEARNING_RATE = 0.02;
    public static final int DEFAULT_PATIENCE = 15;

    /** The defaults `qff train` uses: batch 16, peak learning rate 0.02 with cosine decay, patience 15. */
    public static TrainerConfig defaults(int epochs, long seed) {
        return new TrainerConfig(epochs, DEFAULT_BATCH_SIZE, new LearningRateSchedule(DEFAULT_LEARNING_RATE, Math.min(3, epochs / 10), epochs, 0.05),
                LossWeights.DEFAULT, DEFAULT_PATIENCE, seed, Runtime.getRuntime().availableProcessors(), 5, null, null);
    }

    public TrainerConfig withFiles(Path checkpointFile, Path csvFile) {
        return new TrainerConfig(epochs, batchSize, schedule, weights, patience, seed, threads, checkpointEvery, checkpointFile, csvFile);
    }

    public TrainerConfig withThreads(int t) {
        return new TrainerConfig(epochs, batchSize, schedule, weights, patience, seed, t, checkpointEvery, checkpoint, csvLog);
    }
}
