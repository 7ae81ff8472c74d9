package org.qff.simulator.circuit;

import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;

/** Runs a circuit gate by gate on a state (no fusion): the plain reference executor. */
public final class CircuitRunner {
    private final GateKernels kernels;

    public CircuitRunner(GateKernels kernels) {
        this.kernels = kernels;
    }

    /** Applies the circuit to the state in place. */
    public void run(Circuit c, Bindings b, StateVector s) {
        if (s.qubits() != c.qubits()) throw new IllegalArgumentException("circuit has " + c.qubits() + " qubits, state has " + s.qubits());
        c.check(b);
        for (Gate g : c.gates()) GateApplier.apply(kernels, s, g, b);
    }
}
