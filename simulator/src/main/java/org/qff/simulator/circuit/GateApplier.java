package org.qff.simulator.circuit;

import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;

/**
 * Applies one gate to a state through the cheapest kernel for its kind: diagonal gates as one
 * multiply pass, permutations through the permutation kernels, RY through the real rotation,
 * controlled gates through the controlled kernel, the rest as dense 2×2, 4×4 or k-qubit blocks.
 */
public final class GateApplier {
    private GateApplier() {}

    private static final int[] NO_CONTROLS = new int[0];

    public static void apply(GateKernels k, StateVector s, Gate g, Bindings b) {
        int[] q = g.qubits();
        switch (g.kind()) {
            case I -> { }
            case X -> k.controlledX(s, NO_CONTROLS, q[0]);
            case CX -> k.controlledX(s, new int[] {q[0]}, q[1]);
            case CCX -> k.controlledX(s, new int[] {q[0], q[1]}, q[2]);
            case SWAP -> k.swap(s, q[0], q[1]);
            case RY -> k.ry(s, q[0], g.args()[0].eval(b));
            case Z, S, SDG, T, TDG, RZ, PHASE -> {
                double[] m = g.matrix(b);
                k.diagonal1(s, q[0], m[0], m[1], m[6], m[7]);
            }
            case CZ, CPHASE, RZZ -> k.diagonal(s, q, diagonalOf(g.matrix(b), 4));
            case CY, CH, CRX, CRY, CRZ, CU3 -> {
                double[] m = g.matrix(b);
                k.controlled1(s, new int[] {q[0]}, q[1], new double[] {m[2 * 5], m[2 * 5 + 1], m[2 * 7], m[2 * 7 + 1], m[2 * 13], m[2 * 13 + 1], m[2 * 15], m[2 * 15 + 1]});
            }
            case H, Y, SX, RX, U2, U3, SU2 -> k.dense1(s, q[0], g.matrix(b));
            case RXX, RYY, HEISENBERG -> k.dense2(s, q[0], q[1], g.matrix(b));
            case CSWAP -> k.denseK(s, q, g.matrix(b));
            case UNITARY -> {
                switch (q.length) {
                    case 1 -> k.dense1(s, q[0], g.matrix());
                    case 2 -> k.dense2(s, q[0], q[1], g.matrix());
                    default -> k.denseK(s, q, g.matrix());
                }
            }
        }
    }

    private static double[] diagonalOf(double[] m, int dim) {
        double[] d = new double[2 * dim];
        for (int l = 0; l < dim; l++) {
            d[2 * l] = m[2 * (l * dim + l)];
            d[2 * l + 1] = m[2 * (l * dim + l) + 1];
        }
        return d;
    }
}
