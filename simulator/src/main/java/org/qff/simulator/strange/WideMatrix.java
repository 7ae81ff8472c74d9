package org.qff.simulator.strange;

import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;

/**
 * A dense matrix on more qubits than the kernels take (Strange oracles and blocks may span the
 * whole register), applied with a plain loop: O(4^k · 2^(n−k)), as Strange's own executor costs.
 */
final class WideMatrix {
    private final int[] qubits;
    private final double[] matrix;

    WideMatrix(int[] qubits, double[] matrix) {
        this.qubits = qubits.clone();
        this.matrix = matrix;
    }

    void apply(StateVector s) {
        // The scalar reference kernel takes any number of qubits; the fast kernels stop at 5.
        ScalarKernels.INSTANCE.denseK(s, qubits, matrix);
    }
}
