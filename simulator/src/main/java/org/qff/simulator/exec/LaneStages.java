package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateMatrices;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Finds runs of fused blocks on the lane qubits (0, 1, 2 with 8-lane vectors), plus at most one
 * high qubit, that are real multiplexed stages (kernel.LaneStageSweeps): gates RY, H, Z, X, CX, CZ,
 * CCX, each assigned to the stage of the qubit it changes, with those stages in ascending order
 * along the run (the high qubit's stage last, controlled by lane qubits only). A CNOT ladder's first
 * three fused blocks, RY(0)·RY(1)·CX(0, 1), RY(2)·CX(1, 2) and RY(3)·CX(2, 3), are stages 0, 1, 1,
 * 2, 2, high, high: one pass of real arithmetic instead of three, the first of them complex.
 *
 * <p>Stage j runs after every stage below j and before every stage above it, so a gate may join
 * stage j only if no gate before it sits in a stage above j: the stages then apply the gates in an
 * order that only swaps gates on different qubits past one another. A controlled gate in stage j
 * reads its controls as they are when stage j runs, which is when the gate ran.
 */
final class LaneStages {
    private LaneStages() {}

    static final int QUBITS = 3;

    /** Whether this machine's vectors have exactly the three lane qubits the kernel is written for. */
    static boolean available() {
        return VectorKernels.lanes() == 1 << QUBITS;
    }

    /**
     * How a run of gates forms lane stages: its one high qubit (−1 for none); per gate, its stage
     * (0..2 a lane qubit, {@link #QUBITS} the high qubit) and the context bits its lane controls
     * select; and which lane stages are used, as bits.
     */
    record Plan(int high, int[] stageOfGate, int[] controlsOfGate, int laneStagesUsed) {
        /** Whether lane stages pay here: at least two lane qubits change (one alone has cheaper kernels). */
        boolean worthwhile() {
            return Integer.bitCount(laneStagesUsed) >= 2;
        }
    }

    /** The blocks with every maximal run of lane-stage blocks that pays ({@link Plan#worthwhile}) merged into one. */
    static List<GateFuser.Block> merge(List<GateFuser.Block> blocks) {
        List<GateFuser.Block> out = new ArrayList<>(blocks.size());
        int i = 0;
        while (i < blocks.size()) {
            List<Gate> gates = new ArrayList<>(blocks.get(i).gates());
            Plan plan = plan(gates);
            if (plan == null) {
                out.add(blocks.get(i++));
                continue;
            }
            int end = i + 1;
            while (end < blocks.size()) {
                List<Gate> grown = new ArrayList<>(gates);
                grown.addAll(blocks.get(end).gates());
                Plan grownPlan = plan(grown);
                if (grownPlan == null) break;
                gates = grown;
                plan = grownPlan;
                end++;
            }
            if (end == i + 1 || !plan.worthwhile()) {
                out.add(blocks.get(i++)); // merged, it would only be a wider dense block
                continue;
            }
            out.add(GateFuser.Block.of(gates));
            i = end;
        }
        return out;
    }

    /** The gates' lane-stage plan, or null: only stage gates, on lane qubits and at most one high qubit, stages ascending. */
    static Plan plan(List<Gate> gates) {
        int high = -1;
        for (Gate g : gates) {
            for (int x : g.qubits()) {
                if (x < QUBITS) continue;
                if (high >= 0 && x != high) return null;
                high = x;
            }
        }
        int[] stageOfGate = new int[gates.size()], controlsOfGate = new int[gates.size()];
        int stage = 0, used = 0;
        for (int i = 0; i < gates.size(); i++) {
            Gate g = gates.get(i);
            stage = stageOf(g, stage, high);
            if (stage < 0) return null;
            stageOfGate[i] = stage;
            controlsOfGate[i] = controls(g, stage, high);
            if (stage < QUBITS) used |= 1 << stage;
        }
        return new Plan(high, stageOfGate, controlsOfGate, used);
    }

    /**
     * The stage gate g joins when the run's current stage is {@code current}, or −1: the qubit it
     * changes (CZ changes either, so the lower one at or above {@code current}); stage QUBITS for a
     * gate that changes the high qubit, whose other qubits must then be lane qubits (its controls).
     */
    private static int stageOf(Gate g, int current, int high) {
        int[] q = g.qubits();
        int j;
        switch (g.kind()) {
            case I, RY, H, Z, X -> j = q[0];
            case CX -> j = q[1];
            case CCX -> j = q[2];
            case CZ -> {
                int lo = Math.min(q[0], q[1]), hi = Math.max(q[0], q[1]);
                j = hi == high ? hi : lo >= current ? lo : hi;
            }
            default -> {
                return -1;
            }
        }
        if (j == high) {
            for (int x : q) if (x != high && x >= QUBITS) return -1;
            j = QUBITS;
        } else {
            for (int x : q) if (x >= QUBITS) return -1; // the high qubit as a control of a lane stage
        }
        return j >= current ? j : -1;
    }

    /**
     * Fills {@code stages} (KernelOp#laneStages layout: stage j, context, row-major 2×2) and
     * {@code highStage} (per lane index, row-major 2×2) with the product of the gates (those the
     * plan was made for, in order) under the bindings; {@code gate} and {@code args} are scratch (8
     * and 3 doubles). Allocates nothing.
     */
    static void fill(Gate[] gates, Plan plan, Bindings b, double[] stages, double[] highStage, double[] gate, double[] args) {
        int[] stageOfGate = plan.stageOfGate(), controlsOfGate = plan.controlsOfGate();
        for (int j = 0; j < QUBITS; j++) for (int ctx = 0; ctx < 4; ctx++) Real2x2.identity(stages, 16 * j + 4 * ctx);
        for (int lane = 0; lane < 8; lane++) Real2x2.identity(highStage, 4 * lane);
        for (int i = 0; i < gates.length; i++) {
            Gate g = gates[i];
            int j = stageOfGate[i], controls = controlsOfGate[i];
            double g00, g01, g10, g11;
            switch (g.kind()) {
                case CX, CCX -> { g00 = 0; g01 = 1; g10 = 1; g11 = 0; }
                case CZ -> { g00 = 1; g01 = 0; g10 = 0; g11 = -1; }
                default -> {
                    g.argValues(b, args);
                    GateMatrices.fill(g.kind(), args, gate);
                    g00 = gate[0]; g01 = gate[2]; g10 = gate[4]; g11 = gate[6];
                }
            }
            double[] into = j == QUBITS ? highStage : stages;
            int contexts = j == QUBITS ? 8 : 4;
            for (int ctx = 0; ctx < contexts; ctx++) {
                if ((ctx & controls) != controls) continue;
                Real2x2.leftMultiply(into, j == QUBITS ? 4 * ctx : 16 * j + 4 * ctx, g00, g01, g10, g11);
            }
        }
    }

    /** The lane-control context mask of gate g in stage j (CX, CCX: controls; CZ: the other qubit; else 0). */
    private static int controls(Gate g, int j, int high) {
        int[] q = g.qubits();
        int target = j == QUBITS ? high : j;
        int controls = 0;
        switch (g.kind()) {
            case CX, CCX -> {
                for (int k = 0; k < q.length - 1; k++) controls |= contextBit(q[k], j);
            }
            case CZ -> controls = contextBit(q[0] == target ? q[1] : q[0], j);
            default -> { }
        }
        return controls;
    }

    /** The context bit of lane qubit k in stage j (the other two lane qubits, lower first; for the high stage, the lane index). */
    private static int contextBit(int k, int j) {
        return j == QUBITS ? 1 << k : 1 << (k < j ? k : k - 1);
    }

    /** Doubles of a stage table and of a high stage, for callers sizing their buffers. */
    static final int VALUES = KernelOp.LANE_STAGE_VALUES, HIGH_VALUES = KernelOp.HIGH_STAGE_VALUES;
}
