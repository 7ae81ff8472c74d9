package org.qff.simulator.strange;

import org.qff.simulator.circuit.CircuitBuilder;
import org.redfx.strange.BlockGate;
import org.redfx.strange.Complex;
import org.redfx.strange.ControlledBlockGate;
import org.redfx.strange.Gate;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.Oracle;
import org.redfx.strange.gate.PermutationGate;
import org.redfx.strange.gate.SingleQubitGate;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.Toffoli;
import org.redfx.strange.gate.TwoQubitGate;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;

/**
 * Translates Strange gates into circuit gates. Fixed gates whose matrices are exact in any
 * precision (H, X, Y, Z, CNOT, CZ, SWAP, Toffoli) become the corresponding qff kinds; every other
 * gate is taken from Strange's own matrix, so qff follows Strange's definitions (its RotationZ,
 * for instance, is a global phase). Those matrices are single precision: they are promoted to
 * double and re-orthonormalised (their columns are unitary to ~1e-7, the qff check wants 1e-10).
 *
 * <p>Matrix conventions, as Strange applies them: a single-qubit matrix acts on the main qubit; a
 * two-qubit matrix on (first, second) has the first qubit as its most significant bit; an oracle
 * or block matrix over qubits lo..hi has qubit lo as its least significant bit; a controlled
 * block's matrix has the block's qubits as its low bits and the control as its top bit.
 */
final class StrangeGates {
    private StrangeGates() {}

    /** Gates wider than this cannot go into a circuit (dense kernels stop at 5 qubits). */
    static final int MAX_CIRCUIT_WIDTH = 5;

    /** True for gates that do nothing to the state (Identity, Measurement: Strange applies the identity). */
    static boolean isIdentity(Gate g) {
        return g instanceof Identity || g instanceof Measurement;
    }

    /** The qubits a wide matrix gate acts on, least significant first; null for gates handled by {@link #add}. */
    static int[] matrixQubits(Gate g) {
        if (g instanceof ControlledBlockGate<?> c) {
            // the controlled block's matrix: the block's qubits as the low local bits, the control on top
            int k = Integer.numberOfTrailingZeros(c.getMatrix().length) - 1;
            int[] q = new int[k + 1];
            for (int j = 0; j < k; j++) q[j] = c.getMainQubitIndex() + j;
            q[k] = c.getControlQubit();
            return q;
        }
        if (g instanceof Oracle || (g instanceof BlockGate<?> && !(g instanceof ControlledBlockGate<?>))) {
            int lo = g.getMainQubitIndex();
            int dim = g.getMatrix().length;
            int k = Integer.numberOfTrailingZeros(dim);
            int[] q = new int[k];
            for (int j = 0; j < k; j++) q[j] = lo + j;
            return q;
        }
        return null;
    }

    /** Appends the gate to the builder (for everything but wide matrix gates, see {@link #matrixQubits}). */
    static void add(Gate g, CircuitBuilder b) {
        if (isIdentity(g)) return;
        if (g instanceof Hadamard) b.h(g.getMainQubitIndex());
        else if (g instanceof X) b.x(g.getMainQubitIndex());
        else if (g instanceof Y) b.y(g.getMainQubitIndex());
        else if (g instanceof Z) b.z(g.getMainQubitIndex());
        else if (g instanceof Cnot c) b.cx(c.getMainQubitIndex(), c.getSecondQubitIndex());
        else if (g instanceof Cz c) b.cz(c.getMainQubitIndex(), c.getSecondQubitIndex());
        else if (g instanceof Swap s) b.swap(s.getMainQubitIndex(), s.getSecondQubitIndex());
        else if (g instanceof Toffoli t) b.ccx(t.getMainQubit(), t.getSecondQubit(), t.getThirdQubit());
        else if (g instanceof PermutationGate p) b.swap(p.getIndex1(), p.getIndex2());
        else if (g instanceof SingleQubitGate s) b.unitary(unitary(s.getMatrix(), s), s.getMainQubitIndex());
        else if (g instanceof TwoQubitGate t) b.unitary(unitary(t.getMatrix(), t), t.getSecondQubitIndex(), t.getMainQubitIndex());
        else {
            int[] q = matrixQubits(g);
            if (q == null) {
                throw new IllegalArgumentException("the qff backend does not support Strange gate " + g.getClass().getName() + " (" + g.getName() + ")");
            }
            if (q.length > MAX_CIRCUIT_WIDTH) throw new IllegalStateException("wide gates are applied outside circuits");
            b.unitary(unitary(g.getMatrix(), g), q);
        }
    }

    /**
     * A Strange matrix as a qff matrix: promoted to double, checked unitary to single precision,
     * then re-orthonormalised column by column (modified Gram–Schmidt) so it is unitary to 1e-15.
     */
    static double[] unitary(Complex[][] m, Gate source) {
        int dim = m.length;
        double[] re = new double[dim * dim], im = new double[dim * dim];
        for (int r = 0; r < dim; r++) {
            if (m[r].length != dim) throw new IllegalArgumentException("Strange gate " + source.getName() + " has a non-square matrix");
            for (int c = 0; c < dim; c++) {
                re[r * dim + c] = m[r][c].r;
                im[r * dim + c] = m[r][c].i;
            }
        }
        double worst = 0;
        for (int a = 0; a < dim; a++) for (int b = 0; b < dim; b++) {
            double sr = 0, si = 0;
            for (int r = 0; r < dim; r++) {
                sr += re[r * dim + a] * re[r * dim + b] + im[r * dim + a] * im[r * dim + b];
                si += re[r * dim + a] * im[r * dim + b] - im[r * dim + a] * re[r * dim + b];
            }
            worst = Math.max(worst, Math.hypot(sr - (a == b ? 1 : 0), si));
        }
        // single precision rounds each entry by ~6e-8; a product of dim of them stays far below 1e-5
        if (worst > 1e-5) throw new IllegalArgumentException("Strange gate " + source.getName() + " on " + source.getAffectedQubitIndexes()
                + " has a matrix that is not unitary: max |U†U − I| = " + worst);
        for (int c = 0; c < dim; c++) {
            for (int p = 0; p < c; p++) {
                double dr = 0, di = 0; // ⟨col p | col c⟩
                for (int r = 0; r < dim; r++) {
                    dr += re[r * dim + p] * re[r * dim + c] + im[r * dim + p] * im[r * dim + c];
                    di += re[r * dim + p] * im[r * dim + c] - im[r * dim + p] * re[r * dim + c];
                }
                for (int r = 0; r < dim; r++) {
                    double pr = re[r * dim + p], pi = im[r * dim + p];
                    re[r * dim + c] -= dr * pr - di * pi;
                    im[r * dim + c] -= dr * pi + di * pr;
                }
            }
            double norm = 0;
            for (int r = 0; r < dim; r++) norm += re[r * dim + c] * re[r * dim + c] + im[r * dim + c] * im[r * dim + c];
            norm = Math.sqrt(norm);
            for (int r = 0; r < dim; r++) {
                re[r * dim + c] /= norm;
                im[r * dim + c] /= norm;
            }
        }
        double[] out = new double[2 * dim * dim];
        for (int i = 0; i < dim * dim; i++) {
            out[2 * i] = re[i];
            out[2 * i + 1] = im[i];
        }
        return out;
    }
}
