package org.qff.simulator.exec;

import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Lane stages ({@link LaneStages}) as one kernel call, rebuilt from the gates on re-binding when
 * any is parameterised. Only made for {@link VectorKernels} with 8-lane vectors.
 */
final class LaneStageOp implements Op {
    private final List<Gate> gates;
    private final boolean fixed;
    private final double[] stages = new double[LaneStages.VALUES], gate = new double[8], args = new double[3];
    private KernelOp prepared;

    LaneStageOp(GateFuser.Block block) {
        if (!LaneStages.available() || !LaneStages.applies(block.gates())) {
            throw new IllegalArgumentException("block " + block + " is not lane stages on this machine");
        }
        this.gates = List.copyOf(block.gates());
        boolean allFixed = true;
        for (Gate g : gates) allFixed &= g.isFixed();
        this.fixed = allFixed;
        if (fixed) LaneStages.fill(gates, Bindings.NONE, stages, gate, args);
    }

    public void apply(GateKernels k, StateVector s, Bindings b) {
        rebind(b);
        ((VectorKernels) k).apply(s, prepared());
    }

    public int maxQubit() { return LaneStages.QUBITS - 1; }

    public long qubitMask() { return (1L << LaneStages.QUBITS) - 1; }

    public KernelOp prepared() {
        if (prepared == null) prepared = KernelOp.laneStages(stages);
        return prepared;
    }

    public void rebind(Bindings b) {
        if (fixed) return;
        LaneStages.fill(gates, b, stages, gate, args);
        prepared().setLaneStages(stages);
    }
}
