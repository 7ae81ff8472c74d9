package org.qff.qnn.train;

/**
 * Adam (Kingma and Ba 2015) with bias correction. Its state (moments and step count) is plain data
 * so a checkpoint can store it and a resumed run continues exactly.
 */
public final class Adam {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double[] m;
    private final double[] v;
    private long step;

    public Adam(int size) {
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Restores a saved state. */
    public Adam(double[] m, double[] v, long step) {
        if (m.length != v.length) throw new IllegalArgumentException("Adam moments differ in length: " + m.length + " vs " + v.length);
        this.m = m.clone();
        this.v = v.clone();
        this.step = step;
    }

    /** One update of {@code params} in place with learning rate {@code lr}. */
    public void update(double[] params, double[] gradient, double lr) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step), c2 = 1 - Math.pow(BETA2, step);
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
        }
    }

    public double[] firstMoment() { return m.clone(); }

    public double[] secondMoment() { return v.clone(); }

    public long step() { return step; }
}
