package org.qff.simulator.gradient;

import org.qff.simulator.circuit.GateKind;

/**
 * Analytic matrices of every parameterised {@link GateKind} and of its first and second partial
 * derivatives with respect to its arguments, written into a caller-owned array (no allocation), in
 * the {@link org.qff.simulator.GateKernels} convention. Order 0 reproduces
 * {@link org.qff.simulator.circuit.GateMatrices#of}; the tests check derivatives against central
 * finite differences of it.
 *
 * <p>Forms used (a = argument, n = derivative order):
 * <ul>
 *   <li>Pauli rotations RX, RY, RZ, RXX, RYY, RZZ: U = cos(a/2)·I − i sin(a/2)·P, so
 *       ∂ⁿU = cos(a/2 + nπ/2)/2ⁿ·I − i sin(a/2 + nπ/2)/2ⁿ·P.</li>
 *   <li>PHASE, CPHASE: the e^{ia} entry becomes iⁿe^{ia}, the constant 1s vanish for n ≥ 1.</li>
 *   <li>CRX, CRY, CRZ, CU3: |0⟩⟨0|⊗I + |1⟩⟨1|⊗R(a); only the R block is differentiated.</li>
 *   <li>HEISENBERG exp(−iJ(XX+YY+ZZ)) = e^{−iJ}·Π_triplet + e^{3iJ}·Π_singlet, Π = (I ± SWAP)/2.</li>
 *   <li>U3(θ,φ,λ): entry (r,c) = A_rc(θ)·e^{i(r·φ + c·λ)}, A = [[cos θ/2, −sin θ/2], [sin θ/2, cos θ/2]];
 *       U2(φ,λ) = U3(π/2, φ, λ).</li>
 *   <li>SU2(v) = c(r)·I − i k(r)·(v·σ), r = |v|, c = cos(r/2), k = sin(r/2)/r. With
 *       h = k'(r)/r and m = h'(r)/r: ∂_j U = −(k/2)v_j·I − i(h v_j (v·σ) + k σ_j) and
 *       ∂_l∂_j U = −½(h v_l v_j + k δ_jl)·I − i(m v_l v_j (v·σ) + h δ_jl (v·σ) + h v_j σ_l + h v_l σ_j).
 *       k, h and m use their Taylor series for r &lt; 0.5, where the closed forms cancel.</li>
 * </ul>
 */
public final class GateDerivatives {
    private GateDerivatives() {}

    /** True if the kind has arguments and this class knows its derivatives. */
    public static boolean supports(GateKind kind) {
        return switch (kind) {
            case RX, RY, RZ, RXX, RYY, RZZ, PHASE, CPHASE, CRX, CRY, CRZ, HEISENBERG, U2, U3, CU3, SU2 -> true;
            default -> false;
        };
    }

    /** Throws, naming the kind, unless {@link #supports} holds. */
    public static void requireSupported(GateKind kind, String where) {
        if (!supports(kind)) {
            throw new UnsupportedOperationException("no derivative is known for gate kind " + kind
                    + (kind.isParameterised() ? "" : " (it has no arguments)") + (where == null ? "" : " at " + where));
        }
    }

    /** Matrix dimension 2^k of a parameterised kind. */
    public static int dimension(GateKind kind) {
        return 1 << kind.qubits();
    }

    /**
     * Writes ∂^{(d1,d2)}U(args) into {@code out} (length ≥ 2·dim²): {@code d1 = d2 = −1} gives U,
     * {@code d1 = j, d2 = −1} gives ∂U/∂a_j, {@code d1 = j, d2 = l} gives ∂²U/∂a_j∂a_l.
     */
    public static void fill(GateKind kind, double[] args, int d1, int d2, double[] out) {
        requireSupported(kind, null);
        int order = (d1 >= 0 ? 1 : 0) + (d2 >= 0 ? 1 : 0);
        if (d1 < 0 && d2 >= 0) { d1 = d2; d2 = -1; }
        if (d1 >= kind.args() || d2 >= kind.args()) {
            throw new IllegalArgumentException(kind + " has " + kind.args() + " arguments, no argument index " + Math.max(d1, d2));
        }
        int dim = dimension(kind);
        LocalMatrices.clear(out, dim);
        switch (kind) {
            case RX -> rotation(out, dim, "X", args[0], order);
            case RY -> rotation(out, dim, "Y", args[0], order);
            case RZ -> rotation(out, dim, "Z", args[0], order);
            case RXX -> rotation(out, dim, "XX", args[0], order);
            case RYY -> rotation(out, dim, "YY", args[0], order);
            case RZZ -> rotation(out, dim, "ZZ", args[0], order);
            case PHASE -> {
                if (order == 0) LocalMatrices.add(out, dim, 0, 0, 1, 0);
                double ph = args[0] + order * Math.PI / 2;
                LocalMatrices.add(out, dim, 1, 1, Math.cos(ph), Math.sin(ph));
            }
            case CPHASE -> {
                if (order == 0) for (int l = 0; l < 3; l++) LocalMatrices.add(out, dim, l, l, 1, 0);
                double ph = args[0] + order * Math.PI / 2;
                LocalMatrices.add(out, dim, 3, 3, Math.cos(ph), Math.sin(ph));
            }
            case CRX, CRY, CRZ -> {
                if (order == 0) { LocalMatrices.add(out, dim, 0, 0, 1, 0); LocalMatrices.add(out, dim, 2, 2, 1, 0); }
                char p = kind == GateKind.CRX ? 'X' : kind == GateKind.CRY ? 'Y' : 'Z';
                controlledRotation(out, p, args[0], order);
            }
            case HEISENBERG -> {
                double j = args[0];
                // triplet factor (−i)ⁿ e^{−iJ}, singlet factor (3i)ⁿ e^{3iJ}
                double tph = -(j + order * Math.PI / 2), sph = 3 * j + order * Math.PI / 2, sm = Math.pow(3, order);
                double tr = Math.cos(tph), ti = Math.sin(tph), sr = sm * Math.cos(sph), si = sm * Math.sin(sph);
                LocalMatrices.addIdentity(out, dim, (tr + sr) / 2, (ti + si) / 2);
                double wr = (tr - sr) / 2, wi = (ti - si) / 2;
                LocalMatrices.add(out, dim, 0, 0, wr, wi);
                LocalMatrices.add(out, dim, 1, 2, wr, wi);
                LocalMatrices.add(out, dim, 2, 1, wr, wi);
                LocalMatrices.add(out, dim, 3, 3, wr, wi);
            }
            case U3 -> u3(out, 2, PLAIN, args[0], args[1], args[2], count(0, d1, d2), count(1, d1, d2), count(2, d1, d2));
            case U2 -> u3(out, 2, PLAIN, Math.PI / 2, args[0], args[1], 0, count(0, d1, d2), count(1, d1, d2));
            case CU3 -> {
                if (order == 0) { LocalMatrices.add(out, dim, 0, 0, 1, 0); LocalMatrices.add(out, dim, 2, 2, 1, 0); }
                u3(out, 4, CONTROLLED, args[0], args[1], args[2], count(0, d1, d2), count(1, d1, d2), count(2, d1, d2));
            }
            case SU2 -> su2(out, args[0], args[1], args[2], d1, d2);
            default -> throw new AssertionError(kind);
        }
    }

    private static int count(int arg, int d1, int d2) {
        return (d1 == arg ? 1 : 0) + (d2 == arg ? 1 : 0);
    }

    /** ∂ⁿ[cos(a/2)·I − i sin(a/2)·P]. */
    private static void rotation(double[] out, int dim, String pauli, double a, int n) {
        double scale = 1.0 / (1 << n);
        double c = Math.cos(a / 2 + n * Math.PI / 2) * scale, s = Math.sin(a / 2 + n * Math.PI / 2) * scale;
        LocalMatrices.addIdentity(out, dim, c, 0);
        LocalMatrices.addPauli(out, dim, pauli, 0, -s);
    }

    /** Local indices of a 2×2 block: the gate itself, or the control = 1 part of [control, target]. */
    private static final int[] PLAIN = {0, 1}, CONTROLLED = {1, 3};

    /** ∂ⁿ of the c = 1 block: |1⟩⟨1|⊗(cos(a/2)I − i sin(a/2)σ), with |1⟩⟨1| = (I − Z)/2 on the control. */
    private static void controlledRotation(double[] out, char sigma, double a, int n) {
        double scale = 1.0 / (1 << n);
        double c = Math.cos(a / 2 + n * Math.PI / 2) * scale, s = Math.sin(a / 2 + n * Math.PI / 2) * scale;
        LocalMatrices.add(out, 4, 1, 1, c, 0);
        LocalMatrices.add(out, 4, 3, 3, c, 0);
        LocalMatrices.addPauli(out, 4, sigma == 'X' ? "IX" : sigma == 'Y' ? "IY" : "IZ", 0, -s / 2);
        LocalMatrices.addPauli(out, 4, sigma == 'X' ? "ZX" : sigma == 'Y' ? "ZY" : "ZZ", 0, s / 2);
    }

    /** ∂θ^nt ∂φ^np ∂λ^nl of U3 into the 2×2 block of out at local indices map. */
    private static void u3(double[] out, int dim, int[] map, double theta, double phi, double lambda, int nt, int np, int nl) {
        double scale = 1.0 / (1 << nt);
        double c = Math.cos(theta / 2 + nt * Math.PI / 2) * scale, s = Math.sin(theta / 2 + nt * Math.PI / 2) * scale;
        for (int r = 0; r < 2; r++) {
            for (int col = 0; col < 2; col++) {
                // (i·r)^np (i·col)^nl e^{i(rφ + colλ)}
                double mag = (r == col ? c : r == 0 ? -s : s) * Math.pow(r, np) * Math.pow(col, nl);
                double ph = r * phi + col * lambda + (np + nl) * Math.PI / 2;
                LocalMatrices.add(out, dim, map[r], map[col], mag * Math.cos(ph), mag * Math.sin(ph));
            }
        }
    }

    private static final String[] SIGMA = {"X", "Y", "Z"};

    private static void su2(double[] out, double vx, double vy, double vz, int d1, int d2) {
        double r2 = vx * vx + vy * vy + vz * vz, r = Math.sqrt(r2);
        double k = su2K(r), h = su2H(r), m = su2M(r);
        if (d1 < 0) {
            LocalMatrices.addIdentity(out, 2, Math.cos(r / 2), 0);
            for (int i = 0; i < 3; i++) LocalMatrices.addPauli(out, 2, SIGMA[i], 0, -k * comp(i, vx, vy, vz));
        } else if (d2 < 0) {
            int j = d1;
            LocalMatrices.addIdentity(out, 2, -0.5 * k * comp(j, vx, vy, vz), 0);
            for (int i = 0; i < 3; i++) {
                double coef = h * comp(j, vx, vy, vz) * comp(i, vx, vy, vz) + (i == j ? k : 0);
                LocalMatrices.addPauli(out, 2, SIGMA[i], 0, -coef);
            }
        } else {
            int j = d1, l = d2;
            double djl = j == l ? 1 : 0;
            LocalMatrices.addIdentity(out, 2, -0.5 * (h * comp(l, vx, vy, vz) * comp(j, vx, vy, vz) + k * djl), 0);
            for (int i = 0; i < 3; i++) {
                double coef = m * comp(l, vx, vy, vz) * comp(j, vx, vy, vz) * comp(i, vx, vy, vz) + h * djl * comp(i, vx, vy, vz) + (i == l ? h * comp(j, vx, vy, vz) : 0) + (i == j ? h * comp(l, vx, vy, vz) : 0);
                LocalMatrices.addPauli(out, 2, SIGMA[i], 0, -coef);
            }
        }
    }

    private static double comp(int i, double x, double y, double z) {
        return i == 0 ? x : i == 1 ? y : z;
    }

    private static final double SERIES_BELOW = 0.5;

    /** k(r) = sin(r/2)/r = Σ (−1)ⁿ r^{2n} / (2^{2n+1}(2n+1)!). */
    static double su2K(double r) {
        if (r >= SERIES_BELOW) return Math.sin(r / 2) / r;
        double sum = 0, term = 0.5; // n = 0
        for (int n = 0; n < 10; n++) {
            sum += term;
            term *= -r * r / (4.0 * (2 * n + 2) * (2 * n + 3));
        }
        return sum;
    }

    /** h(r) = k'(r)/r = (r cos(r/2)/2 − sin(r/2))/r³ = Σ_{n≥1} (−1)ⁿ 2n r^{2n−2} / ((2n+1)! 2^{2n+1}). */
    static double su2H(double r) {
        if (r >= SERIES_BELOW) return (r * Math.cos(r / 2) / 2 - Math.sin(r / 2)) / (r * r * r);
        double sum = 0;
        double base = 1.0 / (6.0 * 8.0); // 1/((2n+1)! 2^{2n+1}) at n = 1
        double pow = 1; // r^{2n−2}
        for (int n = 1; n < 11; n++) {
            sum += ((n & 1) == 0 ? 1 : -1) * 2 * n * base * pow;
            base /= (2.0 * n + 2) * (2.0 * n + 3) * 4.0;
            pow *= r * r;
        }
        return sum;
    }

    /** m(r) = h'(r)/r = (3 sin(r/2) − 3r cos(r/2)/2 − r² sin(r/2)/4)/r⁵ = Σ_{n≥2} (−1)ⁿ 2n(2n−2) r^{2n−4} / ((2n+1)! 2^{2n+1}). */
    static double su2M(double r) {
        if (r >= SERIES_BELOW) {
            double s = Math.sin(r / 2), c = Math.cos(r / 2);
            return (3 * s - 1.5 * r * c - r * r * s / 4) / (r * r * r * r * r);
        }
        double sum = 0;
        double base = 1.0 / (120.0 * 32.0); // n = 2
        double pow = 1;
        for (int n = 2; n < 12; n++) {
            sum += ((n & 1) == 0 ? 1 : -1) * 2.0 * n * (2 * n - 2) * base * pow;
            base /= (2.0 * n + 2) * (2.0 * n + 3) * 4.0;
            pow *= r * r;
        }
        return sum;
    }
}
