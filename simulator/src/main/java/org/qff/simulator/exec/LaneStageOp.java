package org.qff.simulator.exec;

import java.util.List;
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
    /** Per gate: its stage (LaneStages#stageOf) and lane-control context mask, fixed at compile time. */
    private final int[] stageOfGate, controlsOfGate;
    private final int high;
    private final boolean fixed;
    private final double[] stages = new double[LaneStages.VALUES], highStage = new double[LaneStages.HIGH_VALUES];
    private final double[] gate = new double[8], args = new double[3];
    private KernelOp prepared;

    LaneStageOp(GateFuser.Block block) {
        List<Gate> list = block.gates();
        if (!LaneStages.available() || !LaneStages.applies(list)) {
            throw new IllegalArgumentException("block " + block + " is not lane stages on this machine");
        }
        this.gates = list.toArray(Gate[]::new);
        this.high = LaneStages.highQubit(list);
        this.stageOfGate = new int[gates.length];
        this.controlsOfGate = new int[gates.length];
        int stage = 0;
        boolean allFixed = true;
        for (int i = 0; i < gates.length; i++) {
            stage = LaneStages.stageOf(gates[i], stage, high);
            stageOfGate[i] = stage;
            controlsOfGate[i] = LaneStages.controls(gates[i], stage, high);
            allFixed &= gates[i].isFixed();
        }
        this.fixed = allFixed;
        if (fixed) LaneStages.fill(gates, stageOfGate, controlsOfGate, Bindings.NONE, stages, highStage, gate, args); // else on each rebind
    }

    public void apply(GateKernels k, StateVector s, Bindings b) {
        rebind(b);
        ((VectorKernels) k).apply(s, prepared());
    }

    public int maxQubit() { return Math.max(LaneStages.QUBITS - 1, high); }

    public long qubitMask() { return ((1L << LaneStages.QUBITS) - 1) | (high < 0 ? 0 : 1L << high); }

    public KernelOp prepared() {
        if (prepared == null) prepared = KernelOp.laneStages(stages, high, high < 0 ? null : highStage);
        return prepared;
    }

    public void rebind(Bindings b) {
        if (fixed) return;
        LaneStages.fill(gates, stageOfGate, controlsOfGate, b, stages, highStage, gate, args);
        prepared().setLaneStages(stages, high < 0 ? null : highStage);
    }
}
