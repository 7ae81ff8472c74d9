package org.qff.qnn.gpr;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Cholesky factor A + εI = L Lᵀ (EJML) of a symmetric covariance matrix, with ε = 0 when A is
 * numerically positive definite and otherwise the smallest of 10⁻¹⁰, 10⁻⁹, … 10⁻² times the mean
 * diagonal that succeeds (duplicate or near-duplicate geometries make kernel matrices singular).
 * A jitter is reported through the {@code org.qff.qnn.gpr} logger when asked to. Solves go
 * through triangular substitution; no inverse is formed.
 */
final class JitteredCholesky {
    private static final System.Logger LOG = System.getLogger("org.qff.qnn.gpr");
    private static final double FIRST_JITTER = 1e-10;
    private static final double LAST_JITTER = 1e-2;

    private final DMatrixRMaj lower;
    private final double jitter;
    private final int n;

    private JitteredCholesky(DMatrixRMaj lower, double jitter) {
        this.lower = lower;
        this.jitter = jitter;
        this.n = lower.numRows;
    }

    /**
     * Factors {@code a} (not modified).
     *
     * @param what names the matrix in the warning and the error
     * @param warn whether to log a warning when jitter is added
     * @throws IllegalArgumentException when even the largest jitter fails (or the matrix holds NaN)
     */
    static JitteredCholesky factor(DMatrixRMaj a, String what, boolean warn) {
        int n = a.numRows;
        double meanDiag = 0;
        for (int i = 0; i < n; i++) meanDiag += a.get(i, i);
        meanDiag /= n;
        if (!(meanDiag > 0) || !Double.isFinite(meanDiag)) {
            throw new IllegalArgumentException(what + " has a non-positive or non-finite mean diagonal " + meanDiag);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        for (double rel = 0; rel <= LAST_JITTER; rel = rel == 0 ? FIRST_JITTER : rel * 10) {
            DMatrixRMaj work = a.copy();
            double eps = rel * meanDiag;
            for (int i = 0; i < n; i++) work.add(i, i, eps);
            if (chol.decompose(work)) {
                DMatrixRMaj l = chol.getT(null);
                if (!finiteDiagonal(l)) continue;
                if (eps > 0 && warn) {
                    LOG.log(System.Logger.Level.WARNING, what + " is numerically singular (duplicate or near-duplicate geometries?);"
                            + " added jitter " + eps + " (" + rel + " × mean diagonal) to its diagonal");
                }
                return new JitteredCholesky(l, eps);
            }
        }
        throw new IllegalArgumentException(what + " is not positive definite even with jitter " + LAST_JITTER
                + " × mean diagonal (NaN in the data, or far too many duplicate geometries)");
    }

    /** The factor of {@code a} (not modified) without any jitter, or null when it is not numerically positive definite. */
    static JitteredCholesky tryFactor(DMatrixRMaj a) {
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(a.numRows, true);
        DMatrixRMaj work = a.copy();
        if (!chol.decompose(work)) return null;
        DMatrixRMaj l = chol.getT(null);
        return finiteDiagonal(l) ? new JitteredCholesky(l, 0) : null;
    }

    private static boolean finiteDiagonal(DMatrixRMaj l) {
        for (int i = 0; i < l.numRows; i++) {
            double d = l.get(i, i);
            if (!(d > 0) || !Double.isFinite(d)) return false;
        }
        return true;
    }

    /** The diagonal jitter ε that was added (0 when none was needed). */
    double jitter() { return jitter; }

    int size() { return n; }

    /** Overwrites b with (A + εI)⁻¹ b. */
    void solveInPlace(double[] b) {
        TriangularSolver_DDRM.solveL(lower.data, b, n);
        TriangularSolver_DDRM.solveTranL(lower.data, b, n);
    }

    /** Overwrites b with L⁻¹ b. */
    void solveLowerInPlace(double[] b) {
        TriangularSolver_DDRM.solveL(lower.data, b, n);
    }

    /** log det(A + εI). */
    double logDeterminant() {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.log(lower.get(i, i));
        return 2 * s;
    }
}
