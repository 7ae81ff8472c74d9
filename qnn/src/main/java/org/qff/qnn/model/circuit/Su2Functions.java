package org.qff.qnn.model.circuit;

/**
 * The scalar functions behind U(v) = exp(−i v·σ/2) = a0·I − i a·σ with a0 = cos(|v|/2) and
 * a = h(y)/2 · v, where y = |v|²/4 and h(y) = sin(√y)/√y. Both are entire in y, so writing them as
 * functions of y (not |v|) keeps U and all its derivatives smooth at v = 0, where an encoding vector
 * vanishes (isolated atom, neighbour at the cutoff).
 *
 * <p>{@link #eval} fills h, dh/dy, d²h/dy² by a power series for y ≤ 1 (no cancellation) and by
 * the closed forms beyond.
 */
final class Su2Functions {
    private Su2Functions() {}

    static final double SERIES_LIMIT = 1.0;
    private static final int TERMS = 16;
    private static final double[] INV_ODD_FACTORIAL = new double[TERMS + 1];

    static {
        double f = 1;
        for (int n = 0; n <= TERMS; n++) {
            if (n > 0) f *= (2.0 * n) * (2.0 * n + 1);
            INV_ODD_FACTORIAL[n] = 1 / f;
        }
    }

    /** out[0] = h, out[1] = h', out[2] = h'' at y = |v|²/4. */
    static void eval(double y, double[] out) {
        if (y <= SERIES_LIMIT) {
            double h = 0, h1 = 0, h2 = 0;
            for (int n = TERMS; n >= 0; n--) {
                double c = ((n & 1) == 0 ? 1 : -1) * INV_ODD_FACTORIAL[n];
                h = h * y + c;
                if (n >= 1) h1 = h1 * y + n * c;
                if (n >= 2) h2 = h2 * y + n * (n - 1.0) * c;
            }
            out[0] = h;
            out[1] = h1;
            out[2] = h2;
        } else {
            double x = Math.sqrt(y), s = Math.sin(x), c = Math.cos(x);
            double x2 = x * x, x3 = x2 * x;
            double q = x * c - s;
            out[0] = s / x;
            out[1] = q / (2 * x3);
            out[2] = -s / (4 * x3) - 3 * q / (4 * x3 * x2);
        }
    }
}
