package org.qff.qnn.gpr;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free maximisation by the Nelder–Mead simplex (standard coefficients: reflection 1,
 * expansion 2, contraction ½, shrink ½), for the few hyperparameters of a GPR model where each
 * evaluation is a Cholesky factorisation. Non-finite values count as −∞.
 */
final class NelderMead {
    private NelderMead() {}

    /**
     * @param start initial point
     * @param step initial simplex edge along each axis
     * @param maxEvaluations evaluation budget
     * @param tolerance stop when the simplex's values differ by less than this
     */
    static double[] maximise(ToDoubleFunction<double[]> f, double[] start, double step, int maxEvaluations, double tolerance) {
        int d = start.length;
        double[][] p = new double[d + 1][];
        double[] v = new double[d + 1];
        p[0] = start.clone();
        for (int k = 0; k < d; k++) {
            p[k + 1] = start.clone();
            p[k + 1][k] += step;
        }
        int evals = 0;
        for (int k = 0; k <= d; k++) { v[k] = value(f, p[k]); evals++; }
        while (evals < maxEvaluations) {
            Integer[] order = new Integer[d + 1];
            for (int k = 0; k <= d; k++) order[k] = k;
            final double[] vv = v;
            Arrays.sort(order, (a, b) -> Double.compare(vv[b], vv[a])); // best first
            double[][] sp = new double[d + 1][];
            double[] sv = new double[d + 1];
            for (int k = 0; k <= d; k++) { sp[k] = p[order[k]]; sv[k] = v[order[k]]; }
            p = sp;
            v = sv;
            if (Double.isFinite(v[d]) && v[0] - v[d] < tolerance) break;
            double[] centroid = new double[d];
            for (int k = 0; k < d; k++) for (int c = 0; c < d; c++) centroid[c] += p[k][c] / d;
            double[] reflected = along(centroid, p[d], -1);
            double fr = value(f, reflected);
            evals++;
            if (fr > v[0]) {
                double[] expanded = along(centroid, p[d], -2);
                double fe = value(f, expanded);
                evals++;
                if (fe > fr) { p[d] = expanded; v[d] = fe; } else { p[d] = reflected; v[d] = fr; }
            } else if (fr > v[d - 1]) {
                p[d] = reflected;
                v[d] = fr;
            } else {
                double[] contracted = along(centroid, p[d], 0.5);
                double fc = value(f, contracted);
                evals++;
                if (fc > v[d]) {
                    p[d] = contracted;
                    v[d] = fc;
                } else {
                    for (int k = 1; k <= d; k++) {
                        p[k] = along(p[0], p[k], 0.5);
                        v[k] = value(f, p[k]);
                        evals++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k <= d; k++) if (v[k] > v[best]) best = k;
        return p[best].clone();
    }

    /** centroid + t·(point − centroid). */
    private static double[] along(double[] centroid, double[] point, double t) {
        double[] out = new double[centroid.length];
        for (int c = 0; c < out.length; c++) out[c] = centroid[c] + t * (point[c] - centroid[c]);
        return out;
    }

    private static double value(ToDoubleFunction<double[]> f, double[] x) {
        double y = f.applyAsDouble(x);
        return Double.isFinite(y) ? y : Double.NEGATIVE_INFINITY;
    }
}
