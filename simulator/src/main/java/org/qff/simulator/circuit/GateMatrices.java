package org.qff.simulator.circuit;

/**
 * Dense matrices of every {@link GateKind}, in the {@link org.qff.simulator.GateKernels}
 * convention: row-major, interleaved (re, im), the first qubit of the gate the least significant
 * local bit. Controlled gates list controls first, so a controlled 2×2 U on [c, t] occupies local
 * indices 1 (c=1, t=0) and 3 (c=1, t=1).
 */
public final class GateMatrices {
    private GateMatrices() {}

    private static final double R = Math.sqrt(0.5);

    /** A new matrix for the kind at the given argument values. */
    public static double[] of(GateKind kind, double... a) {
        if (kind == GateKind.UNITARY) throw new IllegalArgumentException("UNITARY has no formula: its matrix is given");
        if (a.length != kind.args()) throw new IllegalArgumentException(kind + " takes " + kind.args() + " arguments, got " + a.length);
        for (double x : a) if (!Double.isFinite(x)) throw new IllegalArgumentException(kind + ": argument is not finite: " + x);
        return switch (kind) {
            case I -> m2(1, 0, 0, 0, 0, 0, 1, 0);
            case H -> m2(R, 0, R, 0, R, 0, -R, 0);
            case X -> m2(0, 0, 1, 0, 1, 0, 0, 0);
            case Y -> m2(0, 0, 0, -1, 0, 1, 0, 0);
            case Z -> m2(1, 0, 0, 0, 0, 0, -1, 0);
            case S -> m2(1, 0, 0, 0, 0, 0, 0, 1);
            case SDG -> m2(1, 0, 0, 0, 0, 0, 0, -1);
            case T -> m2(1, 0, 0, 0, 0, 0, R, R);
            case TDG -> m2(1, 0, 0, 0, 0, 0, R, -R);
            case SX -> m2(0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5);
            case RX -> rx(a[0]);
            case RY -> ry(a[0]);
            case RZ -> rz(a[0]);
            case PHASE -> m2(1, 0, 0, 0, 0, 0, Math.cos(a[0]), Math.sin(a[0]));
            case U2 -> u3(Math.PI / 2, a[0], a[1]);
            case U3 -> u3(a[0], a[1], a[2]);
            case SU2 -> su2(a[0], a[1], a[2]);
            case CX -> controlled(of(GateKind.X));
            case CY -> controlled(of(GateKind.Y));
            case CZ -> controlled(of(GateKind.Z));
            case CH -> controlled(of(GateKind.H));
            case CRX -> controlled(rx(a[0]));
            case CRY -> controlled(ry(a[0]));
            case CRZ -> controlled(rz(a[0]));
            case CPHASE -> controlled(of(GateKind.PHASE, a[0]));
            case CU3 -> controlled(u3(a[0], a[1], a[2]));
            case SWAP -> permutation(4, 0, 2, 1, 3);
            case RXX -> pauliPairRotation(a[0], 'X');
            case RYY -> pauliPairRotation(a[0], 'Y');
            case RZZ -> rzz(a[0]);
            case HEISENBERG -> heisenberg(a[0]);
            case CCX -> permutation(8, 0, 1, 2, 7, 4, 5, 6, 3);
            case CSWAP -> permutation(8, 0, 1, 2, 5, 4, 3, 6, 7);
            case UNITARY -> throw new AssertionError();
        };
    }

    private static double[] m2(double... v) { return v; }

    static double[] rx(double t) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        return m2(c, 0, 0, -s, 0, -s, c, 0);
    }

    static double[] ry(double t) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        return m2(c, 0, -s, 0, s, 0, c, 0);
    }

    static double[] rz(double t) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        return m2(c, -s, 0, 0, 0, 0, c, s);
    }

    /** OpenQASM u3(θ, φ, λ) = [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]]. */
    static double[] u3(double theta, double phi, double lambda) {
        double c = Math.cos(theta / 2), s = Math.sin(theta / 2);
        return m2(c, 0,
                -Math.cos(lambda) * s, -Math.sin(lambda) * s,
                Math.cos(phi) * s, Math.sin(phi) * s,
                Math.cos(phi + lambda) * c, Math.sin(phi + lambda) * c);
    }

    /**
     * exp(−i v·σ/2) = cos(|v|/2)·I − i·sin(|v|/2)·(v̂·σ). Written with sin(|v|/2)/|v| so v → 0 is smooth.
     */
    static double[] su2(double vx, double vy, double vz) {
        double norm = Math.sqrt(vx * vx + vy * vy + vz * vz);
        double c = Math.cos(norm / 2);
        double k = norm < 1e-8 ? 0.5 - norm * norm / 48 : Math.sin(norm / 2) / norm; // sin(|v|/2)/|v|
        double sx = k * vx, sy = k * vy, sz = k * vz;
        // −i(sx X + sy Y + sz Z) = [[−i sz, −i sx − sy], [−i sx + sy, i sz]]
        return m2(c, -sz, -sy, -sx, sy, -sx, c, sz);
    }

    static double[] rzz(double t) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        double[] m = new double[32];
        // exp(−iθ/2 · Z⊗Z): phase e^{−iθ/2} on even parity, e^{+iθ/2} on odd
        setDiag(m, 4, 0, c, -s);
        setDiag(m, 4, 1, c, s);
        setDiag(m, 4, 2, c, s);
        setDiag(m, 4, 3, c, -s);
        return m;
    }

    /** exp(−iθ/2 · P⊗P) = cos(θ/2) I − i sin(θ/2) P⊗P, P = X or Y. */
    static double[] pauliPairRotation(double t, char p) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        double[] m = new double[32];
        for (int l = 0; l < 4; l++) setDiag(m, 4, l, c, 0);
        // X⊗X: |l⟩ → |l^3⟩ with +1. Y⊗Y: |00⟩↔|11⟩ with −1, |01⟩↔|10⟩ with +1.
        for (int l = 0; l < 4; l++) {
            int r = l ^ 3;
            double sign = p == 'X' ? 1 : (l == 0 || l == 3 ? -1 : 1);
            set(m, 4, r, l, 0, -s * sign);
        }
        return m;
    }

    /**
     * exp(−iJ(XX+YY+ZZ)). Since XX+YY+ZZ = 2·SWAP − I, this is e^{iJ}(cos 2J·I − i sin 2J·SWAP):
     * e^{−iJ} on the triplet, e^{3iJ} on the singlet.
     */
    static double[] heisenberg(double j) {
        double[] m = new double[32];
        double pr = Math.cos(j), pi = -Math.sin(j); // e^{−iJ}
        setDiag(m, 4, 0, pr, pi);
        setDiag(m, 4, 3, pr, pi);
        double c2 = Math.cos(2 * j), s2 = Math.sin(2 * j);
        double er = Math.cos(j), ei = Math.sin(j); // e^{iJ}
        // diagonal e^{iJ} cos 2J; off-diagonal e^{iJ}·(−i sin 2J)
        setDiag(m, 4, 1, er * c2, ei * c2);
        setDiag(m, 4, 2, er * c2, ei * c2);
        double or = ei * s2, oi = -er * s2;
        set(m, 4, 1, 2, or, oi);
        set(m, 4, 2, 1, or, oi);
        return m;
    }

    /** The 4×4 matrix of a 2×2 U controlled by the first (least significant) qubit. */
    static double[] controlled(double[] u) {
        double[] m = new double[32];
        setDiag(m, 4, 0, 1, 0);
        setDiag(m, 4, 2, 1, 0);
        set(m, 4, 1, 1, u[0], u[1]);
        set(m, 4, 1, 3, u[2], u[3]);
        set(m, 4, 3, 1, u[4], u[5]);
        set(m, 4, 3, 3, u[6], u[7]);
        return m;
    }

    /** The permutation matrix sending local basis state l to perm[l]. */
    static double[] permutation(int dim, int... perm) {
        double[] m = new double[2 * dim * dim];
        for (int l = 0; l < dim; l++) set(m, dim, perm[l], l, 1, 0);
        return m;
    }

    private static void setDiag(double[] m, int dim, int l, double re, double im) {
        set(m, dim, l, l, re, im);
    }

    private static void set(double[] m, int dim, int row, int col, double re, double im) {
        m[2 * (row * dim + col)] = re;
        m[2 * (row * dim + col) + 1] = im;
    }

    /** The product a·b of two dim×dim matrices. */
    public static double[] multiply(double[] a, double[] b, int dim) {
        double[] c = new double[2 * dim * dim];
        for (int r = 0; r < dim; r++) {
            for (int k = 0; k < dim; k++) {
                double ar = a[2 * (r * dim + k)], ai = a[2 * (r * dim + k) + 1];
                if (ar == 0 && ai == 0) continue;
                for (int col = 0; col < dim; col++) {
                    double br = b[2 * (k * dim + col)], bi = b[2 * (k * dim + col) + 1];
                    c[2 * (r * dim + col)] += ar * br - ai * bi;
                    c[2 * (r * dim + col) + 1] += ar * bi + ai * br;
                }
            }
        }
        return c;
    }

    /** The conjugate transpose. */
    public static double[] adjoint(double[] a, int dim) {
        double[] c = new double[a.length];
        for (int r = 0; r < dim; r++) {
            for (int col = 0; col < dim; col++) {
                c[2 * (col * dim + r)] = a[2 * (r * dim + col)];
                c[2 * (col * dim + r) + 1] = -a[2 * (r * dim + col) + 1];
            }
        }
        return c;
    }

    /** Throws unless U†U = I within 1e-10 (max-abs entry error) and the size is 2^k × 2^k. */
    public static void checkUnitary(double[] u, int k) {
        int dim = 1 << k;
        if (u.length != 2 * dim * dim) throw new IllegalArgumentException("a " + k + "-qubit matrix needs " + 2 * dim * dim + " doubles, got " + u.length);
        for (double x : u) if (!Double.isFinite(x)) throw new IllegalArgumentException("matrix entry is not finite: " + x);
        double[] p = multiply(adjoint(u, dim), u, dim);
        double worst = 0;
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                double re = p[2 * (r * dim + c)] - (r == c ? 1 : 0), im = p[2 * (r * dim + c) + 1];
                worst = Math.max(worst, Math.hypot(re, im));
            }
        }
        if (worst > 1e-10) throw new IllegalArgumentException("matrix is not unitary: max |U†U − I| = " + worst + " > 1e-10");
    }
}
