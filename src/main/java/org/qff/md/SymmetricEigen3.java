package org.qff.md;

/** Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations, allocation-free. */
final class SymmetricEigen3 {
    private SymmetricEigen3() {}

    /**
     * @param a row-major symmetric matrix (not modified)
     * @param evals out: eigenvalues
     * @param evecs out: row-major, column k is the eigenvector of evals[k]
     */
    static void decompose(double[] a, double[] evals, double[] evecs) {
        double a00 = a[0], a01 = a[1], a02 = a[2], a11 = a[4], a12 = a[5], a22 = a[8];
        double[] v = evecs;
        java.util.Arrays.fill(v, 0.0);
        v[0] = v[4] = v[8] = 1.0;
        double[] m = {a00, a01, a02, a01, a11, a12, a02, a12, a22};
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = m[1] * m[1] + m[2] * m[2] + m[5] * m[5];
            double diag = m[0] * m[0] + m[4] * m[4] + m[8] * m[8];
            if (off <= 1e-30 * diag || off == 0) break;
            rotate(m, v, 0, 1);
            rotate(m, v, 0, 2);
            rotate(m, v, 1, 2);
        }
        evals[0] = m[0];
        evals[1] = m[4];
        evals[2] = m[8];
    }

    private static void rotate(double[] m, double[] v, int p, int q) {
        double apq = m[3 * p + q];
        if (apq == 0) return;
        double app = m[3 * p + p], aqq = m[3 * q + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < 3; k++) {
            double mkp = m[3 * k + p], mkq = m[3 * k + q];
            m[3 * k + p] = c * mkp - s * mkq;
            m[3 * k + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < 3; k++) {
            double mpk = m[3 * p + k], mqk = m[3 * q + k];
            m[3 * p + k] = c * mpk - s * mqk;
            m[3 * q + k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < 3; k++) {
            double vkp = v[3 * k + p], vkq = v[3 * k + q];
            v[3 * k + p] = c * vkp - s * vkq;
            v[3 * k + q] = s * vkp + c * vkq;
        }
    }
}
