package org.qff.simulator.exec;

import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.kernel.KernelOp;

/**
 * One step of a compiled circuit: a single gate through its cheapest kernel, or a fused block.
 * Implementations hold their matrices and scratch buffers, so applying one allocates nothing.
 */
interface Op {
    void apply(GateKernels kernels, StateVector state, Bindings bindings);

    /** Highest qubit touched. */
    int maxQubit();

    /** Every qubit touched, as bits: decides which cache blocks the op fits. */
    long qubitMask();

    /**
     * The op as a prepared vector-kernel op, for cache-blocked runs; made once, on first call.
     * {@link #rebind} then refreshes its parameters before each blocked run.
     */
    KernelOp prepared();

    /** Refreshes the prepared op's angle or matrix from the bindings (nothing for fixed ops). */
    void rebind(Bindings bindings);
}
