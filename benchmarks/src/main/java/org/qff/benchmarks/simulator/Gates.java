package org.qff.benchmarks.simulator;

import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;

/**
 * The benchmarked gates, each applied through the public {@link GateKernels} calls the circuit
 * layer uses, with their matrices built once.
 */
final class Gates {
    private Gates() {}

    /**
     * The gate list. "dense2" is a dense 2×2, i.e. any one-qubit unitary (complex entries,
     * the general one-qubit kernel); "dense4" is a dense 4×4 on two qubits, reported beside it.
     */
    static final String[] NAMES = {"ry", "rz", "h", "dense2", "cnot", "cz", "heisenberg", "dense4"};

    private static final double R = Math.sqrt(0.5);
    static final double[] H = {R, 0, R, 0, R, 0, -R, 0};
    static final double[] CZ = {1, 0, 1, 0, 1, 0, -1, 0};
    static final double THETA = 0.37;
    static final double[] RZ = {Math.cos(THETA / 2), -Math.sin(THETA / 2), Math.cos(THETA / 2), Math.sin(THETA / 2)};
    /** A fixed generic 2×2 unitary, every entry complex: U3(0.7, 0.4, −1.1). */
    static final double[] DENSE1 = u3(0.7, 0.4, -1.1);
    /** A fixed generic 4×4 unitary: the Heisenberg exchange times a product of single-qubit rotations. */
    static final double[] DENSE4;
    /** exp(−iJ(XX+YY+ZZ)) = e^{−iJ}·P_triplet + e^{3iJ}·P_singlet. */
    static final double[] HEISENBERG = heisenberg(0.23);

    static {
        double[] h = heisenberg(0.41);
        double[] ry = {Math.cos(0.3), 0, -Math.sin(0.3), 0, Math.sin(0.3), 0, Math.cos(0.3), 0};
        double[] kron = new double[32];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double ar = ry[2 * ((r >> 1) * 2 + (c >> 1))], br = H[2 * ((r & 1) * 2 + (c & 1))];
                kron[2 * (r * 4 + c)] = ar * br;
            }
        }
        DENSE4 = multiply(h, kron, 4);
    }

    /** U3(θ, φ, λ) = [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]], interleaved. */
    static double[] u3(double theta, double phi, double lambda) {
        double c = Math.cos(theta / 2), s = Math.sin(theta / 2);
        return new double[] {c, 0, -Math.cos(lambda) * s, -Math.sin(lambda) * s,
            Math.cos(phi) * s, Math.sin(phi) * s, Math.cos(phi + lambda) * c, Math.sin(phi + lambda) * c};
    }

    static double[] heisenberg(double j) {
        double[] m = new double[32];
        double tr = Math.cos(-j), ti = Math.sin(-j), sr = Math.cos(3 * j), si = Math.sin(3 * j);
        double[][] ps = {{0, 0, 0, 0}, {0, 0.5, -0.5, 0}, {0, -0.5, 0.5, 0}, {0, 0, 0, 0}};
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double s = ps[r][c], t = (r == c ? 1 : 0) - s;
                m[2 * (r * 4 + c)] = tr * t + sr * s;
                m[2 * (r * 4 + c) + 1] = ti * t + si * s;
            }
        }
        return m;
    }

    static double[] multiply(double[] a, double[] b, int m) {
        double[] c = new double[2 * m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double re = 0, im = 0;
                for (int k = 0; k < m; k++) {
                    double ar = a[2 * (i * m + k)], ai = a[2 * (i * m + k) + 1], br = b[2 * (k * m + j)], bi = b[2 * (k * m + j) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                c[2 * (i * m + j)] = re;
                c[2 * (i * m + j) + 1] = im;
            }
        }
        return c;
    }

    static int code(String name) {
        for (int i = 0; i < NAMES.length; i++) if (NAMES[i].equals(name)) return i;
        throw new IllegalArgumentException("unknown gate " + name);
    }

    /** Applies gate {@code code} on qubit a (and b for two-qubit gates: a control, b target for CNOT/CZ). */
    static void apply(GateKernels k, StateVector s, int code, int a, int b) {
        switch (code) {
            case 0 -> k.ry(s, a, THETA);
            case 1 -> k.diagonal1(s, a, RZ[0], RZ[1], RZ[2], RZ[3]);
            case 2 -> k.dense1(s, a, H);
            case 3 -> k.dense1(s, a, DENSE1);
            case 4 -> k.controlledX(s, CONTROL.get(a), b);
            case 5 -> k.diagonal(s, PAIR.get(a, b), CZ_DIAG);
            case 6 -> k.dense2(s, a, b, HEISENBERG);
            default -> k.dense2(s, a, b, DENSE4);
        }
    }

    private static final double[] CZ_DIAG = {1, 0, 1, 0, 1, 0, -1, 0};

    /** Qubit-index arrays made once, so the benchmark loop itself allocates nothing. */
    private static final class CONTROL {
        private static final int[][] ONE = new int[StateVector.MAX_QUBITS][];
        static {
            for (int i = 0; i < ONE.length; i++) ONE[i] = new int[] {i};
        }

        static int[] get(int q) { return ONE[q]; }
    }

    private static final class PAIR {
        private static final int[][] P = new int[StateVector.MAX_QUBITS * StateVector.MAX_QUBITS][];
        static {
            for (int a = 0; a < StateVector.MAX_QUBITS; a++) {
                for (int b = 0; b < StateVector.MAX_QUBITS; b++) P[a * StateVector.MAX_QUBITS + b] = new int[] {a, b};
            }
        }

        static int[] get(int a, int b) { return P[a * StateVector.MAX_QUBITS + b]; }
    }
}
