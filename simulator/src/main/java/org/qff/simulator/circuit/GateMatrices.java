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
        int dim = 1 << kind.qubits();
        double[] m = new double[2 * dim * dim];
        fill(kind, a, m);
        return m;
    }

    /**
     * Writes the matrix of the kind at the first {@code kind.args()} values of {@code a} into
     * {@code out} (length 2·4^k), without allocating: compiled circuits refill the matrices of
     * parameterised gates on every run from reused buffers.
     */
    public static void fill(GateKind kind, double[] a, double[] out) {
        if (kind == GateKind.UNITARY) throw new IllegalArgumentException("UNITARY has no formula: its matrix is given");
        int dim = 1 << kind.qubits();
        if (out.length != 2 * dim * dim) throw new IllegalArgumentException(kind + " needs a buffer of " + 2 * dim * dim + " doubles, got " + out.length);
        if (a.length < kind.args()) throw new IllegalArgumentException(kind + " takes " + kind.args() + " arguments, got " + a.length);
        for (int i = 0; i < kind.args(); i++) {
            if (!Double.isFinite(a[i])) throw new IllegalArgumentException(kind + ": argument " + (i + 1) + " is not finite: " + a[i]);
        }
        java.util.Arrays.fill(out, 0.0);
        switch (kind) {
            case I -> put2(out, 0, 1, 0, 0, 0, 0, 0, 1, 0);
            case H -> put2(out, 0, R, 0, R, 0, R, 0, -R, 0);
            case X -> put2(out, 0, 0, 0, 1, 0, 1, 0, 0, 0);
            case Y -> put2(out, 0, 0, 0, 0, -1, 0, 1, 0, 0);
            case Z -> put2(out, 0, 1, 0, 0, 0, 0, 0, -1, 0);
            case S -> put2(out, 0, 1, 0, 0, 0, 0, 0, 0, 1);
            case SDG -> put2(out, 0, 1, 0, 0, 0, 0, 0, 0, -1);
            case T -> put2(out, 0, 1, 0, 0, 0, 0, 0, R, R);
            case TDG -> put2(out, 0, 1, 0, 0, 0, 0, 0, R, -R);
            case SX -> put2(out, 0, 0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5);
            case RX -> rx(a[0], out, 0);
            case RY -> ry(a[0], out, 0);
            case RZ -> rz(a[0], out, 0);
            case PHASE -> phase(a[0], out, 0);
            case U2 -> u3(Math.PI / 2, a[0], a[1], out, 0);
            case U3 -> u3(a[0], a[1], a[2], out, 0);
            case SU2 -> su2(a[0], a[1], a[2], out, 0);
            case CX -> controlled(out, 0, 0, 1, 0, 1, 0, 0, 0);
            case CY -> controlled(out, 0, 0, 0, -1, 0, 1, 0, 0);
            case CZ -> controlled(out, 1, 0, 0, 0, 0, 0, -1, 0);
            case CH -> controlled(out, R, 0, R, 0, R, 0, -R, 0);
            case CRX -> { rx(a[0], out, 1); controlledFromInline(out); }
            case CRY -> { ry(a[0], out, 1); controlledFromInline(out); }
            case CRZ -> { rz(a[0], out, 1); controlledFromInline(out); }
            case CPHASE -> { phase(a[0], out, 1); controlledFromInline(out); }
            case CU3 -> { u3(a[0], a[1], a[2], out, 1); controlledFromInline(out); }
            case SWAP -> permutation(out, 4, 0, 2, 1, 3);
            case RXX -> pauliPairRotation(a[0], 'X', out);
            case RYY -> pauliPairRotation(a[0], 'Y', out);
            case RZZ -> rzz(a[0], out);
            case HEISENBERG -> heisenberg(a[0], out);
            case CCX -> permutation(out, 8, 0, 1, 2, 7, 4, 5, 6, 3);
            case CSWAP -> permutation(out, 8, 0, 1, 2, 5, 4, 3, 6, 7);
            case UNITARY -> throw new AssertionError();
        }
    }

    /** Writes a 2×2 matrix at out[8·slot ..]: slot 0 is the matrix itself, slot 1 a staging area. */
    private static void put2(double[] out, int slot, double a, double b, double c, double d, double e, double f, double g, double h) {
        int o = 8 * slot;
        out[o] = a; out[o + 1] = b; out[o + 2] = c; out[o + 3] = d;
        out[o + 4] = e; out[o + 5] = f; out[o + 6] = g; out[o + 7] = h;
    }

    private static void rx(double t, double[] out, int slot) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        put2(out, slot, c, 0, 0, -s, 0, -s, c, 0);
    }

    private static void ry(double t, double[] out, int slot) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        put2(out, slot, c, 0, -s, 0, s, 0, c, 0);
    }

    private static void rz(double t, double[] out, int slot) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        put2(out, slot, c, -s, 0, 0, 0, 0, c, s);
    }

    private static void phase(double l, double[] out, int slot) {
        put2(out, slot, 1, 0, 0, 0, 0, 0, Math.cos(l), Math.sin(l));
    }

    private static void u3(double theta, double phi, double lambda, double[] out, int slot) {
        double c = Math.cos(theta / 2), s = Math.sin(theta / 2);
        put2(out, slot, c, 0,
                -Math.cos(lambda) * s, -Math.sin(lambda) * s,
                Math.cos(phi) * s, Math.sin(phi) * s,
                Math.cos(phi + lambda) * c, Math.sin(phi + lambda) * c);
    }

    private static void su2(double vx, double vy, double vz, double[] out, int slot) {
        double norm = Math.sqrt(vx * vx + vy * vy + vz * vz);
        double c = Math.cos(norm / 2);
        double k = norm < 1e-8 ? 0.5 - norm * norm / 48 : Math.sin(norm / 2) / norm; // sin(|v|/2)/|v|
        double sx = k * vx, sy = k * vy, sz = k * vz;
        // −i(sx X + sy Y + sz Z) = [[−i sz, −i sx − sy], [−i sx + sy, i sz]]
        put2(out, slot, c, -sz, -sy, -sx, sy, -sx, c, sz);
    }

    /** Moves the 2×2 staged at out[8..15] into the controlled block of the 4×4 in out, sets the rest. */
    private static void controlledFromInline(double[] out) {
        double u0 = out[8], u1 = out[9], u2 = out[10], u3 = out[11], u4 = out[12], u5 = out[13], u6 = out[14], u7 = out[15];
        java.util.Arrays.fill(out, 0.0);
        controlled(out, u0, u1, u2, u3, u4, u5, u6, u7);
    }

    /** The 4×4 of a 2×2 U controlled by the first (least significant) qubit, into a zeroed out. */
    private static void controlled(double[] out, double u0, double u1, double u2, double u3, double u4, double u5, double u6, double u7) {
        set(out, 4, 0, 0, 1, 0);
        set(out, 4, 2, 2, 1, 0);
        set(out, 4, 1, 1, u0, u1);
        set(out, 4, 1, 3, u2, u3);
        set(out, 4, 3, 1, u4, u5);
        set(out, 4, 3, 3, u6, u7);
    }

    private static void permutation(double[] out, int dim, int... perm) {
        for (int l = 0; l < dim; l++) set(out, dim, perm[l], l, 1, 0);
    }

    private static void rzz(double t, double[] m) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        // exp(−iθ/2 · Z⊗Z): phase e^{−iθ/2} on even parity, e^{+iθ/2} on odd
        setDiag(m, 4, 0, c, -s);
        setDiag(m, 4, 1, c, s);
        setDiag(m, 4, 2, c, s);
        setDiag(m, 4, 3, c, -s);
    }

    /** exp(−iθ/2 · P⊗P) = cos(θ/2) I − i sin(θ/2) P⊗P, P = X or Y. */
    private static void pauliPairRotation(double t, char p, double[] m) {
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        for (int l = 0; l < 4; l++) setDiag(m, 4, l, c, 0);
        // X⊗X: |l⟩ → |l^3⟩ with +1. Y⊗Y: |00⟩↔|11⟩ with −1, |01⟩↔|10⟩ with +1.
        for (int l = 0; l < 4; l++) {
            int r = l ^ 3;
            double sign = p == 'X' ? 1 : (l == 0 || l == 3 ? -1 : 1);
            set(m, 4, r, l, 0, -s * sign);
        }
    }

    /**
     * exp(−iJ(XX+YY+ZZ)). Since XX+YY+ZZ = 2·SWAP − I, this is e^{iJ}(cos 2J·I − i sin 2J·SWAP):
     * e^{−iJ} on the triplet, e^{3iJ} on the singlet.
     */
    private static void heisenberg(double j, double[] m) {
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
    }

    /** True for kinds whose matrix is diagonal at every argument value. */
    public static boolean isDiagonal(GateKind kind) {
        return switch (kind) {
            case I, Z, S, SDG, T, TDG, RZ, PHASE, CZ, CPHASE, RZZ -> true;
            default -> false;
        };
    }

    /** True for kinds that only permute basis states (no phases): X, CX, CCX, SWAP, CSWAP. */
    public static boolean isPermutation(GateKind kind) {
        return switch (kind) {
            case X, CX, CCX, SWAP, CSWAP -> true;
            default -> false;
        };
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
