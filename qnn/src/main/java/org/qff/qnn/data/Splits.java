package org.qff.qnn.data;

import java.util.Random;

/**
 * Reproducible subsets of a dataset. Shuffles are Fisher–Yates driven by {@link java.util.Random},
 * whose sequence for a seed is fixed by the Java specification: the same seed gives the same
 * split on every JVM.
 */
public final class Splits {
    private Splits() {}

    /** Training and validation parts of one dataset. */
    public record TrainValidation(Dataset train, Dataset validation) {}

    /** A permutation of 0 … n−1 determined by the seed. */
    public static int[] shuffled(int n, long seed) {
        int[] p = new int[n];
        for (int k = 0; k < n; k++) p[k] = k;
        Random rnd = new Random(seed);
        for (int k = n - 1; k > 0; k--) {
            int j = rnd.nextInt(k + 1);
            int t = p[k];
            p[k] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Disjoint training and validation sets drawn from one seeded shuffle of the dataset: the
     * first {@code nTrain} shuffled frames train, the next {@code nValidation} validate. The
     * common rMD17 protocol is {@code trainValidation(train_01, 950, 50, seed)}.
     *
     * @throws IllegalArgumentException when the dataset has fewer than nTrain + nValidation frames
     */
    public static TrainValidation trainValidation(Dataset data, int nTrain, int nValidation, long seed) {
        if (nTrain < 0 || nValidation < 0) throw new IllegalArgumentException("split sizes must be non-negative, got " + nTrain + " and " + nValidation);
        if ((long) nTrain + nValidation > data.size()) {
            throw new IllegalArgumentException("cannot take " + nTrain + " training + " + nValidation + " validation frames from " + data.name() + " (" + data.size() + " frames)");
        }
        int[] p = shuffled(data.size(), seed);
        int[] train = java.util.Arrays.copyOfRange(p, 0, nTrain);
        int[] val = java.util.Arrays.copyOfRange(p, nTrain, nTrain + nValidation);
        return new TrainValidation(data.subset(train, data.name() + " train(" + nTrain + ", seed " + seed + ")"),
                data.subset(val, data.name() + " validation(" + nValidation + ", seed " + seed + ")"));
    }

    /** {@code count} frames drawn without replacement by a seeded shuffle (for learning curves). */
    public static Dataset sample(Dataset data, int count, long seed) {
        return trainValidation(data, count, 0, seed).train();
    }
}
