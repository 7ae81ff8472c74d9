package org.qff.qnn.train;

/**
 * Learning rate per epoch: a linear warm-up over the first epochs, then cosine decay from the base
 * rate to {@code floorFraction}·base at the last epoch. A pure function of the epoch, so a resumed
 * run needs no schedule state.
 */
public record LearningRateSchedule(double base, int warmupEpochs, int totalEpochs, double floorFraction) {

    public LearningRateSchedule {
        if (!(base > 0) || !Double.isFinite(base)) throw new IllegalArgumentException("learning rate must be positive, got " + base);
        if (warmupEpochs < 0 || totalEpochs < 1) throw new IllegalArgumentException("bad schedule: warmup " + warmupEpochs + ", epochs " + totalEpochs);
        if (!(floorFraction >= 0 && floorFraction <= 1)) throw new IllegalArgumentException("floor fraction must be in [0,1], got " + floorFraction);
    }

    public double at(int epoch) {
        if (epoch < warmupEpochs) return base * (epoch + 1) / (warmupEpochs + 1);
        int span = Math.max(1, totalEpochs - warmupEpochs - 1);
        double progress = Math.min(1.0, (double) (epoch - warmupEpochs) / span);
        return base * (floorFraction + (1 - floorFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
