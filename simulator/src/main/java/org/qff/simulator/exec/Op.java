package org.qff.simulator.exec;

import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;

/**
 * One step of a compiled circuit: a single gate through its cheapest kernel, or a fused block.
 * Implementations hold their matrices and scratch buffers, so applying one allocates nothing.
 */
interface Op {
    void apply(GateKernels kernels, StateVector state, Bindings bindings);
}
