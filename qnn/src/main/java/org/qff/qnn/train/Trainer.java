package org.qff.qnn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.qff.qnn.io.AtomicFiles;

/**
 * Mini-batch Adam training of a {@link TrainableModel} on energies and forces, data-parallel over
 * a fixed number of threads, with early stopping on a validation set, atomic checkpoints and exact
 * resume.
 *
 * <p>Reproducibility: the epoch's shuffle is a pure function of (seed, epoch); each batch is cut
 * into {@code threads} fixed contiguous chunks, each thread sums its chunk in order into its own
 * gradient buffer, and the buffers are added in thread order. Two runs with the same seed and
 * thread count therefore produce the same bits, and so does a run resumed from a checkpoint.
 */
public final class Trainer {

    /** Told after every epoch (for progress bars). */
    @FunctionalInterface
    public interface Listener {
        void epochDone(EpochRecord record, int totalEpochs);
    }

    private final TrainerConfig config;

    public Trainer(TrainerConfig config) {
        this.config = config;
    }

    /**
     * Trains the model in place; on return it holds the parameters of the best validation epoch.
     *
     * @param resume continue from {@code config.checkpoint()} if it exists
     */
    public TrainingResult train(TrainableModel model, List<TrainingFrame> train, List<TrainingFrame> validation,
                                boolean resume, Listener listener) throws IOException {
        if (train.isEmpty()) throw new IllegalArgumentException("no training frames");
        if (validation.isEmpty()) throw new IllegalArgumentException("no validation frames");
        long start = System.nanoTime();
        int p = model.parameterCount();
        double[] params = new double[p];
        model.getParameters(params);
        String fingerprint = fingerprint(model, train, validation);

        Adam adam = new Adam(p);
        List<EpochRecord> records = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] bestParams = params.clone();
        int bestEpoch = -1, sinceBest = 0, firstEpoch = 0;
        if (resume && config.checkpoint() != null && Files.exists(config.checkpoint())) {
            Checkpoint c = Checkpoint.read(config.checkpoint());
            if (!c.fingerprint().equals(fingerprint)) {
                throw new IllegalArgumentException("checkpoint " + config.checkpoint() + " belongs to a different run (" + c.fingerprint()
                        + "); this run is " + fingerprint);
            }
            if (c.parameters().length != p) throw new IllegalArgumentException("checkpoint has " + c.parameters().length + " parameters, model has " + p);
            params = c.parameters();
            adam = new Adam(c.adamM(), c.adamV(), c.adamStep());
            bestLoss = c.bestValidationLoss();
            bestParams = c.bestParameters();
            bestEpoch = c.bestEpoch();
            sinceBest = c.epochsSinceBest();
            records.addAll(c.records());
            firstEpoch = c.completedEpochs();
            model.setParameters(params);
        }

        int threads = config.threads();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "qff-train");
            t.setDaemon(true);
            return t;
        }) : null;
        boolean stoppedEarly = false;
        try {
            double[][] grads = new double[threads][p];
            double[] total = new double[p];
            for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
                if (config.patience() > 0 && sinceBest >= config.patience()) {
                    stoppedEarly = true;
                    break;
                }
                long t0 = System.nanoTime();
                double lr = config.schedule().at(epoch);
                int[] order = permutation(train.size(), config.seed(), epoch);
                double lossSum = 0;
                for (int b0 = 0; b0 < order.length; b0 += config.batchSize()) {
                    int b1 = Math.min(order.length, b0 + config.batchSize());
                    lossSum += batchGradient(model, train, order, b0, b1, grads, pool);
                    java.util.Arrays.fill(total, 0);
                    for (double[] g : grads) for (int i = 0; i < p; i++) total[i] += g[i];
                    double inv = 1.0 / (b1 - b0);
                    for (int i = 0; i < p; i++) total[i] *= inv;
                    checkFinite(total, epoch);
                    adam.update(params, total, lr);
                    model.setParameters(params);
                }
                ErrorMetrics val = ErrorMetrics.evaluate(model, validation, null, pool);
                double valLoss = config.weights().energy() * val.energyMse() + config.weights().force() * val.forceMse();
                EpochRecord rec = new EpochRecord(epoch, lossSum / train.size(), valLoss, val.energyMae(), val.forceMae(), lr,
                        (System.nanoTime() - t0) * 1e-9);
                records.add(rec);
                if (valLoss < bestLoss) {
                    bestLoss = valLoss;
                    bestParams = params.clone();
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                writeLog(records);
                boolean last = epoch == config.epochs() - 1;
                if (config.checkpoint() != null && ((epoch + 1) % config.checkpointEvery() == 0 || last)) {
                    new Checkpoint(epoch + 1, params, adam.firstMoment(), adam.secondMoment(), adam.step(), bestLoss, bestParams,
                            bestEpoch, sinceBest, records, fingerprint).write(config.checkpoint());
                }
                if (listener != null) listener.epochDone(rec, config.epochs());
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        model.setParameters(bestParams);
        return new TrainingResult(List.copyOf(records), bestEpoch, stoppedEarly, (System.nanoTime() - start) * 1e-9);
    }

    private double batchGradient(TrainableModel model, List<TrainingFrame> train, int[] order, int b0, int b1,
                                 double[][] grads, ExecutorService pool) {
        int threads = grads.length;
        int n = b1 - b0;
        double[] losses = new double[threads];
        if (pool == null) {
            java.util.Arrays.fill(grads[0], 0);
            losses[0] = chunk(model, train, order, b0, b1, grads[0]);
        } else {
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                final int tt = t;
                final int c0 = b0 + (int) ((long) n * t / threads), c1 = b0 + (int) ((long) n * (t + 1) / threads);
                futures.add(pool.submit(() -> {
                    java.util.Arrays.fill(grads[tt], 0);
                    losses[tt] = chunk(model, train, order, c0, c1, grads[tt]);
                }));
            }
            join(futures);
        }
        double sum = 0;
        for (double l : losses) sum += l;
        return sum;
    }

    private double chunk(TrainableModel model, List<TrainingFrame> train, int[] order, int c0, int c1, double[] grad) {
        double loss = 0;
        for (int k = c0; k < c1; k++) {
            TrainingFrame f = train.get(order[k]);
            loss += model.accumulateLossGradient(f.structure(), f.energy(), f.forces(), config.weights(), grad);
        }
        return loss;
    }

    private static void join(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                throw new IllegalStateException(cause);
            }
        }
    }

    private static void checkFinite(double[] g, int epoch) {
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalStateException("loss gradient component " + i + " became " + g[i] + " in epoch " + epoch
                        + " (learning rate too high, or labels out of range?)");
            }
        }
    }

    /** The epoch's training order: a seeded Fisher–Yates shuffle that depends only on (seed, epoch). */
    static int[] permutation(int n, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private String fingerprint(TrainableModel model, List<TrainingFrame> train, List<TrainingFrame> validation) {
        return "model=" + model.name() + ",params=" + model.parameterCount() + ",train=" + train.size() + ",val=" + validation.size()
                + ",seed=" + config.seed() + ",threads=" + config.threads() + ",batch=" + config.batchSize() + ",epochs=" + config.epochs()
                + ",lr=" + config.schedule() + ",weights=" + config.weights();
    }

    private void writeLog(List<EpochRecord> records) throws IOException {
        if (config.csvLog() == null) return;
        StringBuilder sb = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord r : records) sb.append(r.csvRow()).append('\n');
        AtomicFiles.writeString(config.csvLog(), sb.toString());
    }

    /** The checkpoint file a run writes (for messages). */
    public Path checkpointPath() {
        return config.checkpoint();
    }
}
