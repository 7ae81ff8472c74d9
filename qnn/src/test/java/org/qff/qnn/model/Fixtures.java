package org.qff.qnn.model;

import org.qff.qnn.atoms.Structure;

import java.util.Random;

/** Shared test helpers: models on C/H/O, random orthogonal maps, finite differences. */
final class Fixtures {
    private Fixtures() {}

    static final int[] CHO = {1, 6, 8};

    static RevisedModel revised() { return QnnModels.defaultRevised(CHO, 11); }

    static BaselineModel baseline() { return QnnModels.defaultBaseline(CHO, 12); }

    /** Random 3×3 orthogonal matrix (det +1, or −1 when reflect) from Gram–Schmidt. */
    static double[][] randomOrthogonal(Random r, boolean reflect) {
        double[][] m = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) m[a][b] = r.nextGaussian();
            for (int c = 0; c < a; c++) {
                double d = 0;
                for (int b = 0; b < 3; b++) d += m[a][b] * m[c][b];
                for (int b = 0; b < 3; b++) m[a][b] -= d * m[c][b];
            }
            double n = Math.sqrt(m[a][0] * m[a][0] + m[a][1] * m[a][1] + m[a][2] * m[a][2]);
            for (int b = 0; b < 3; b++) m[a][b] /= n;
        }
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        if ((det < 0) != reflect) for (int b = 0; b < 3; b++) m[2][b] = -m[2][b];
        return m;
    }

    static double[] apply(double[][] m, double[] flat, double[] shift) {
        double[] out = new double[flat.length];
        for (int i = 0; i < flat.length / 3; i++) {
            for (int a = 0; a < 3; a++) {
                double s = shift[a];
                for (int b = 0; b < 3; b++) s += m[a][b] * flat[3 * i + b];
                out[3 * i + a] = s;
            }
        }
        return out;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    /** −central FD of the energy along every coordinate. */
    static double[] fdForces(org.qff.qnn.potential.Potential p, Structure s, double h) {
        double[] x = s.positions(), f = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double[] a = x.clone(), b = x.clone();
            a[k] += h;
            b[k] -= h;
            f[k] = -(p.energy(s.withPositions(a)) - p.energy(s.withPositions(b))) / (2 * h);
        }
        return f;
    }
}
