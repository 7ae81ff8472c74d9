package org.qff.simulator.exec;

import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.circuit.GateMatrices;
import org.qff.simulator.kernel.KernelOp;

/**
 * Turns one gate into the ops that apply it through its cheapest kernel: permutations touch only
 * the amplitudes they move, diagonals are one multiply pass, RY is the real rotation, controlled
 * gates go through the controlled kernel, the rest are dense. Matrices of fixed gates are computed
 * here once; parameterised gates refill reused buffers on every run.
 */
final class GateOps {
    private GateOps() {}

    private static final int[] NO_CONTROLS = new int[0];
    /** Row-major 4×4 entries (1,1), (1,3), (3,1), (3,3): the target's 2×2 where the control (local bit 0) is 1. */
    private static final int[] CONTROLLED_ENTRIES = {5, 7, 13, 15};

    /** Appends the ops of one gate to {@code out} (none for the identity, three for CSWAP). */
    static void add(Gate g, List<Op> out) {
        int[] q = g.qubits();
        switch (g.kind()) {
            case I -> { }
            case X -> out.add(new ControlledX(NO_CONTROLS, q[0]));
            case CX -> out.add(new ControlledX(new int[] {q[0]}, q[1]));
            case CCX -> out.add(new ControlledX(new int[] {q[0], q[1]}, q[2]));
            case SWAP -> out.add(new Swap(q[0], q[1]));
            // Fredkin as three permutation passes: cx(b,a) · ccx(c,a,b) · cx(b,a).
            case CSWAP -> {
                out.add(new ControlledX(new int[] {q[2]}, q[1]));
                out.add(new ControlledX(new int[] {q[0], q[1]}, q[2]));
                out.add(new ControlledX(new int[] {q[2]}, q[1]));
            }
            case RY -> out.add(new Ry(g));
            case Z, S, SDG, T, TDG, RZ, PHASE -> out.add(new MatrixOp(g, Shape.DIAGONAL1));
            case CZ, CPHASE, RZZ -> out.add(new MatrixOp(g, Shape.DIAGONAL));
            case CY, CH, CRX, CRY, CRZ, CU3 -> out.add(new MatrixOp(g, Shape.CONTROLLED1));
            case H, Y, SX, RX, U2, U3, SU2 -> out.add(new MatrixOp(g, Shape.DENSE1));
            case RXX, RYY, HEISENBERG -> out.add(new MatrixOp(g, Shape.DENSE2));
            case UNITARY -> out.add(new MatrixOp(g, q.length == 1 ? Shape.DENSE1 : q.length == 2 ? Shape.DENSE2 : Shape.DENSEK));
        }
    }

    static final class ControlledX implements Op {
        private final int[] controls;
        private final int target;
        private KernelOp prepared;

        ControlledX(int[] controls, int target) {
            this.controls = controls;
            this.target = target;
        }

        public void apply(GateKernels k, StateVector s, Bindings b) { k.controlledX(s, controls, target); }

        public int maxQubit() { return Math.max(target, max(controls)); }

        public long qubitMask() { return mask(controls) | 1L << target; }

        public KernelOp prepared() {
            if (prepared == null) prepared = KernelOp.controlledX(controls, target);
            return prepared;
        }

        public void rebind(Bindings b) {}
    }

    static final class Swap implements Op {
        private final int a, b;
        private KernelOp prepared;

        Swap(int a, int b) {
            this.a = a;
            this.b = b;
        }

        public void apply(GateKernels k, StateVector s, Bindings bd) { k.swap(s, a, b); }

        public int maxQubit() { return Math.max(a, b); }

        public long qubitMask() { return 1L << a | 1L << b; }

        public KernelOp prepared() {
            if (prepared == null) prepared = KernelOp.swap(a, b);
            return prepared;
        }

        public void rebind(Bindings bd) {}
    }

    static long mask(int[] qubits) {
        long m = 0;
        for (int q : qubits) m |= 1L << q;
        return m;
    }

    /** The qubits of a mask, ascending. */
    static int[] qubits(long mask) {
        int[] q = new int[Long.bitCount(mask)];
        int i = 0;
        for (long m = mask; m != 0; m &= m - 1) q[i++] = Long.numberOfTrailingZeros(m);
        return q;
    }

    static int max(int[] qubits) {
        int m = -1;
        for (int q : qubits) m = Math.max(m, q);
        return m;
    }

    /** RY needs only its angle: no matrix at all. */
    static final class Ry implements Op {
        private final Gate gate;
        private final int target;
        private final double[] arg = new double[1];
        private final boolean fixed;
        private KernelOp prepared;

        Ry(Gate gate) {
            this.gate = gate;
            this.target = gate.qubits()[0];
            this.fixed = gate.isFixed();
        }

        public void apply(GateKernels k, StateVector s, Bindings b) {
            gate.argValues(b, arg);
            k.ry(s, target, arg[0]);
        }

        public int maxQubit() { return target; }

        public long qubitMask() { return 1L << target; }

        public KernelOp prepared() {
            if (prepared == null) {
                prepared = KernelOp.ry(target, 0);
                if (fixed) {
                    gate.argValues(Bindings.NONE, arg);
                    prepared.setAngle(arg[0]);
                }
            }
            return prepared;
        }

        public void rebind(Bindings b) {
            if (fixed) return;
            gate.argValues(b, arg);
            prepared.setAngle(arg[0]);
        }
    }

    enum Shape { DIAGONAL1, DIAGONAL, CONTROLLED1, DENSE1, DENSE2, DENSEK }

    /** A gate applied through a matrix-taking kernel; the kernel's operand is derived from the gate's matrix. */
    static final class MatrixOp implements Op {
        private final Gate gate;
        private final Shape shape;
        private final boolean fixed;
        private final int[] qubits;
        private final int[] controls;
        private final double[] args;
        private final double[] matrix;
        private final double[] operand;
        private KernelOp prepared;

        MatrixOp(Gate g, Shape shape) {
            this.gate = g;
            this.shape = shape;
            this.fixed = g.isFixed();
            this.qubits = g.qubits().clone(); // the record hands out its own array
            this.controls = shape == Shape.CONTROLLED1 ? new int[] {qubits[0]} : null;
            this.args = new double[Math.max(1, g.args().length)];
            int dim = 1 << qubits.length;
            this.matrix = new double[2 * dim * dim];
            this.operand = switch (shape) {
                case DIAGONAL1, DIAGONAL -> new double[2 * dim];
                case CONTROLLED1 -> new double[8];
                case DENSE1, DENSE2, DENSEK -> matrix;
            };
            if (fixed) refresh(Bindings.NONE);
        }

        private void refresh(Bindings b) {
            if (gate.kind() == GateKind.UNITARY) {
                System.arraycopy(gate.matrix(), 0, matrix, 0, matrix.length);
            } else {
                gate.argValues(b, args);
                GateMatrices.fill(gate.kind(), args, matrix);
            }
            int dim = 1 << qubits.length;
            switch (shape) {
                case DIAGONAL1, DIAGONAL -> {
                    for (int l = 0; l < dim; l++) {
                        operand[2 * l] = matrix[2 * (l * dim + l)];
                        operand[2 * l + 1] = matrix[2 * (l * dim + l) + 1];
                    }
                }
                case CONTROLLED1 -> {
                    // control is local bit 0: the 2×2 lives on local rows/columns 1 and 3
                    for (int e = 0; e < 4; e++) {
                        operand[2 * e] = matrix[2 * CONTROLLED_ENTRIES[e]];
                        operand[2 * e + 1] = matrix[2 * CONTROLLED_ENTRIES[e] + 1];
                    }
                }
                default -> { }
            }
        }

        public int maxQubit() { return max(qubits); }

        public long qubitMask() { return mask(qubits); }

        public KernelOp prepared() {
            if (prepared == null) {
                prepared = switch (shape) {
                    case DIAGONAL1, DIAGONAL -> KernelOp.diagonal(qubits, operand);
                    case CONTROLLED1 -> KernelOp.controlled(controls, new int[] {qubits[1]}, operand);
                    case DENSE1, DENSE2, DENSEK -> KernelOp.dense(qubits, operand);
                };
            }
            return prepared;
        }

        public void rebind(Bindings b) {
            if (fixed) return;
            refresh(b);
            prepared.setMatrix(operand);
        }

        public void apply(GateKernels k, StateVector s, Bindings b) {
            if (!fixed) refresh(b);
            switch (shape) {
                case DIAGONAL1 -> k.diagonal1(s, qubits[0], operand[0], operand[1], operand[2], operand[3]);
                case DIAGONAL -> k.diagonal(s, qubits, operand);
                case CONTROLLED1 -> k.controlled1(s, controls, qubits[1], operand);
                case DENSE1 -> k.dense1(s, qubits[0], operand);
                case DENSE2 -> k.dense2(s, qubits[0], qubits[1], operand);
                case DENSEK -> k.denseK(s, qubits, operand);
            }
        }
    }
}
