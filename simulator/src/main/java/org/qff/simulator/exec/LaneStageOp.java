package org.qff.simulator.exec;

import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Lane stages ({@link LaneStages}), maybe with a high stage, as one kernel call, rebuilt from the gates on re-binding when
 * any is parameterised. Only made for {@link VectorKernels} with 8-lane vectors.
 */
final class LaneStageOp implements Op {
    private final Gate[] gates;
    private final LaneStages.Plan plan;
    private final boolean fixed;
    private final double[] stages = new double[LaneStages.VALUES], highStage = new double[LaneStages.HIGH_VALUES];
    private final double[] gate = new double[8], args = new double[3];
    private KernelOp prepared;

    /** The block's gates as lane stages, by their plan ({@link LaneStages#plan} of the same gates). */
    LaneStageOp(GateFuser.Block block, LaneStages.Plan plan) {
        if (!LaneStages.available() || plan == null || plan.stageOfGate().length != block.gates().size()) {
            throw new IllegalArgumentException("block " + block + " is not lane stages on this machine");
        }
        this.gates = block.gates().toArray(Gate[]::new);
        this.plan = plan;
        boolean allFixed = true;
        for (Gate g : gates) allFixed &= g.isFixed();
        this.fixed = allFixed;
        if (fixed) LaneStages.fill(gates, plan, Bindings.NONE, stages, highStage, gate, args); // else on each rebind
    }

    public void apply(GateKernels k, StateVector s, Bindings b) {
        rebind(b);
        ((VectorKernels) k).apply(s, prepared());
    }

    public int maxQubit() { return Math.max(LaneStages.QUBITS - 1, plan.high()); }

    public long qubitMask() { return ((1L << LaneStages.QUBITS) - 1) | (plan.high() < 0 ? 0 : 1L << plan.high()); }

    public KernelOp prepared() {
        if (prepared == null) prepared = KernelOp.laneStages(stages, plan.high(), plan.high() < 0 ? null : highStage);
        return prepared;
    }

    public void rebind(Bindings b) {
        if (fixed) return;
        LaneStages.fill(gates, plan, b, stages, highStage, gate, args);
        prepared().setLaneStages(stages, plan.high() < 0 ? null : highStage);
    }
}
