package org.qff.simulator.reference;

import java.util.Random;
import org.qff.simulator.circuit.GateKind;

/**
 * Independent textbook definitions of every gate, and their embedding into n qubits by Kronecker
 * products (qubit 0 least significant: the rightmost factor). Nothing here calls the simulator.
 */
public final class DenseReference {
    private DenseReference() {}

    private static final double R = Math.sqrt(0.5);

    /** exp(−i·angle/2·P) for a local operator P. */
    static CMat rot(CMat p, double angle) {
        return p.scale(0, -angle / 2).exp();
    }

    static CMat controlled(CMat u) {
        // local order [control, target]: control is bit 0, so the target's factor is on the left
        return CMat.I.kron(CMat.P0).plus(u.kron(CMat.P1));
    }

    static CMat u3(double theta, double phi, double lambda) {
        // OpenQASM: U = e^{i(φ+λ)/2} RZ(φ) RY(θ) RZ(λ)
        double g = (phi + lambda) / 2;
        return rot(CMat.Z, phi).times(rot(CMat.Y, theta)).times(rot(CMat.Z, lambda)).scale(Math.cos(g), Math.sin(g));
    }

    /** (I + XX + YY + ZZ)/2 */
    static CMat swap() {
        return CMat.I.kron(CMat.I).plus(CMat.X.kron(CMat.X)).plus(CMat.Y.kron(CMat.Y)).plus(CMat.Z.kron(CMat.Z)).scale(0.5, 0);
    }

    /** The local matrix of a gate kind at the given argument values, over its qubits (first = least significant). */
    public static CMat local(GateKind kind, double... a) {
        return switch (kind) {
            case I -> CMat.I;
            case X -> CMat.X;
            case Y -> CMat.Y;
            case Z -> CMat.Z;
            case H -> CMat.X.plus(CMat.Z).scale(R, 0);
            case S -> CMat.P0.plus(CMat.P1.scale(0, 1));
            case SDG -> CMat.P0.plus(CMat.P1.scale(0, -1));
            case T -> CMat.P0.plus(CMat.P1.scale(R, R));
            case TDG -> CMat.P0.plus(CMat.P1.scale(R, -R));
            case SX -> CMat.I.scale(0.5, 0.5).plus(CMat.X.scale(0.5, -0.5));
            case RX -> rot(CMat.X, a[0]);
            case RY -> rot(CMat.Y, a[0]);
            case RZ -> rot(CMat.Z, a[0]);
            case PHASE -> CMat.P0.plus(CMat.P1.scale(Math.cos(a[0]), Math.sin(a[0])));
            case U2 -> u3(Math.PI / 2, a[0], a[1]);
            case U3 -> u3(a[0], a[1], a[2]);
            case SU2 -> CMat.X.scale(a[0], 0).plus(CMat.Y.scale(a[1], 0)).plus(CMat.Z.scale(a[2], 0)).scale(0, -0.5).exp();
            case CX -> controlled(CMat.X);
            case CY -> controlled(CMat.Y);
            case CZ -> controlled(CMat.Z);
            case CH -> controlled(local(GateKind.H));
            case SWAP -> swap();
            case CRX -> controlled(rot(CMat.X, a[0]));
            case CRY -> controlled(rot(CMat.Y, a[0]));
            case CRZ -> controlled(rot(CMat.Z, a[0]));
            case CPHASE -> controlled(local(GateKind.PHASE, a[0]));
            case CU3 -> controlled(u3(a[0], a[1], a[2]));
            case RXX -> rot(CMat.X.kron(CMat.X), a[0]);
            case RYY -> rot(CMat.Y.kron(CMat.Y), a[0]);
            case RZZ -> rot(CMat.Z.kron(CMat.Z), a[0]);
            case HEISENBERG -> CMat.X.kron(CMat.X).plus(CMat.Y.kron(CMat.Y)).plus(CMat.Z.kron(CMat.Z)).scale(0, -a[0]).exp();
            // local order [c0, c1, t]: t is the leftmost factor
            case CCX -> CMat.identity(8).plus(CMat.X.plus(CMat.I.scale(-1, 0)).kron(CMat.P1).kron(CMat.P1));
            case CSWAP -> CMat.identity(4).kron(CMat.P0).plus(swap().kron(CMat.P1));
            case UNITARY -> throw new IllegalArgumentException("UNITARY has no formula");
        };
    }

    /**
     * The 2^n×2^n operator of a local matrix g acting on {@code qubits} (qubits[0] the least
     * significant local bit): Σ_(r,c) g[r,c] ⊗_q (|r_q⟩⟨c_q| on the gate's qubits, I elsewhere).
     */
    public static CMat embed(CMat g, int[] qubits, int n) {
        int dim = 1 << n;
        CMat full = new CMat(dim, dim);
        for (int r = 0; r < g.rows; r++) for (int c = 0; c < g.cols; c++) {
            double gr = g.re(r, c), gi = g.im(r, c);
            if (gr == 0 && gi == 0) continue;
            CMat term = CMat.identity(1);
            for (int q = n - 1; q >= 0; q--) {
                CMat factor = CMat.I;
                for (int j = 0; j < qubits.length; j++) {
                    if (qubits[j] == q) {
                        factor = new CMat(2, 2);
                        factor.set((r >> j) & 1, (c >> j) & 1, 1, 0);
                    }
                }
                term = term.kron(factor);
            }
            for (int i = 0; i < term.re.length; i++) {
                if (term.re[i] == 0) continue; // term entries are 0 or 1
                full.re[i] += gr * term.re[i];
                full.im[i] += gi * term.re[i];
            }
        }
        return full;
    }

    /** A k-qubit matrix as the interleaved row-major array the simulator takes. */
    public static double[] interleaved(CMat m) {
        double[] a = new double[2 * m.rows * m.cols];
        for (int i = 0; i < m.re.length; i++) {
            a[2 * i] = m.re[i];
            a[2 * i + 1] = m.im[i];
        }
        return a;
    }

    /** A random unitary exp(iH) with H a random Hermitian matrix. */
    public static CMat randomUnitary(int dim, Random rnd) {
        CMat h = new CMat(dim, dim);
        for (int r = 0; r < dim; r++) for (int c = 0; c <= r; c++) {
            double vr = rnd.nextGaussian(), vi = r == c ? 0 : rnd.nextGaussian();
            h.set(r, c, vr, vi);
            h.set(c, r, vr, -vi);
        }
        return h.scale(0, 1).exp();
    }

    /** A random normalised state as interleaved pairs. */
    public static double[] randomState(int n, Random rnd) {
        double[] v = new double[2 << n];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) v[i] /= Math.sqrt(norm);
        return v;
    }

    /** The operator of a Pauli string like "XZ" on qubits {0, 3}, times a coefficient. */
    public static CMat pauli(double coefficient, int[] qubits, char[] letters, int n) {
        CMat term = CMat.identity(1);
        for (int q = n - 1; q >= 0; q--) {
            CMat f = CMat.I;
            for (int j = 0; j < qubits.length; j++) {
                if (qubits[j] == q) f = switch (letters[j]) { case 'X' -> CMat.X; case 'Y' -> CMat.Y; default -> CMat.Z; };
            }
            term = term.kron(f);
        }
        return term.scale(coefficient, 0);
    }
}
