package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;

/**
 * One gate prepared for repeated application through its cheapest kernel, without allocating:
 * the per-gate counterpart of {@link CompiledCircuit}, for callers that interleave gates with
 * their own work (adjoint gradients apply gates and inverses one at a time). Not thread-safe.
 */
public final class CompiledGate {
    private final Gate gate;
    private final Op[] ops;

    private CompiledGate(Gate gate) {
        this.gate = gate;
        List<Op> list = new ArrayList<>(3);
        GateOps.add(gate, list);
        this.ops = list.toArray(Op[]::new);
    }

    public static CompiledGate of(Gate gate) {
        return new CompiledGate(gate);
    }

    /**
     * Applies the gate. The caller guarantees that the state has enough qubits and that the
     * bindings fit the circuit the gate came from (as {@link CompiledCircuit#run} checks once).
     */
    public void apply(GateKernels kernels, StateVector state, Bindings bindings) {
        for (Op op : ops) op.apply(kernels, state, bindings);
    }

    public Gate gate() { return gate; }
}
