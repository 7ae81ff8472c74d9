package org.qff.simulator.gradient;

import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;

/**
 * An argument-free gate with everything its kernel call needs prepared once (matrix, diagonal,
 * control list), so applying it allocates nothing. Same kernel choice as
 * {@link org.qff.simulator.circuit.GateApplier}: permutations through the permutation kernels,
 * diagonal kinds as one multiply pass, controlled kinds through the controlled kernel.
 */
final class FixedGate {
    private static final int[] NO_CONTROLS = new int[0];

    private final Gate gate;
    private final int[] qubits, controls;
    private final double[] matrix, diag, block;

    FixedGate(Gate gate) {
        if (gate.kind().isParameterised()) throw new IllegalArgumentException(gate + " has arguments");
        this.gate = gate;
        this.qubits = gate.qubits();
        this.matrix = gate.kind() == org.qff.simulator.circuit.GateKind.I ? null : gate.matrix(Bindings.NONE);
        int k = qubits.length, dim = 1 << k;
        this.controls = switch (gate.kind()) {
            case CX, CY, CH -> new int[] {qubits[0]};
            case CCX -> new int[] {qubits[0], qubits[1]};
            default -> NO_CONTROLS;
        };
        if (matrix != null) {
            diag = new double[2 * dim];
            for (int l = 0; l < dim; l++) {
                diag[2 * l] = matrix[2 * (l * dim + l)];
                diag[2 * l + 1] = matrix[2 * (l * dim + l) + 1];
            }
        } else {
            diag = null;
        }
        if (k == 2 && matrix != null) {
            int[] idx = {5, 7, 13, 15}; // the control = 1 block of a 4×4 on [control, target]
            block = new double[8];
            for (int e = 0; e < 4; e++) {
                block[2 * e] = matrix[2 * idx[e]];
                block[2 * e + 1] = matrix[2 * idx[e] + 1];
            }
        } else {
            block = null;
        }
    }

    void apply(GateKernels k, StateVector s) {
        int[] q = qubits;
        switch (gate.kind()) {
            case I -> { }
            case X -> k.controlledX(s, NO_CONTROLS, q[0]);
            case CX -> k.controlledX(s, controls, q[1]);
            case CCX -> k.controlledX(s, controls, q[2]);
            case SWAP -> k.swap(s, q[0], q[1]);
            case Z, S, SDG, T, TDG -> k.diagonal1(s, q[0], diag[0], diag[1], diag[2], diag[3]);
            case CZ -> k.diagonal(s, q, diag);
            case CY, CH -> k.controlled1(s, controls, q[1], block);
            default -> {
                switch (q.length) {
                    case 1 -> k.dense1(s, q[0], matrix);
                    case 2 -> k.dense2(s, q[0], q[1], matrix);
                    default -> k.denseK(s, q, matrix);
                }
            }
        }
    }
}
