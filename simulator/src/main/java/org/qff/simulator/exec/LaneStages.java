package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateMatrices;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Finds runs of fused blocks on the lane qubits (0, 1, 2 with 8-lane vectors) that are real
 * multiplexed stages (kernel.LaneStageSweeps): gates RY, H, Z, X, CX, CZ, CCX, each assigned to the
 * stage of the qubit it changes, with those stages in ascending qubit order along the run. A CNOT
 * ladder's first two fused blocks, RY(0)·RY(1)·CX(0, 1) and RY(2)·CX(1, 2), are stages 0, 1, 1, 2, 2:
 * one pass of real lane arithmetic instead of two passes, the first of them complex.
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

    /** The blocks with every maximal run of lane-stage blocks (two gates or more in all) merged into one. */
    static List<GateFuser.Block> merge(List<GateFuser.Block> blocks) {
        List<GateFuser.Block> out = new ArrayList<>(blocks.size());
        int i = 0;
        while (i < blocks.size()) {
            List<Gate> gates = new ArrayList<>(blocks.get(i).gates());
            if (!applies(gates)) {
                out.add(blocks.get(i++));
                continue;
            }
            int end = i + 1;
            while (end < blocks.size()) {
                List<Gate> grown = new ArrayList<>(gates);
                grown.addAll(blocks.get(end).gates());
                if (!applies(grown)) break;
                gates = grown;
                end++;
            }
            long mask = 0;
            for (Gate g : gates) mask |= GateOps.mask(g.qubits());
            out.add(end == i + 1 ? blocks.get(i) : new GateFuser.Block(GateOps.qubits(mask), gates));
            i = end;
        }
        return out;
    }

    /** Whether the gates form lane stages: only stage gates, all on lane qubits, stages in ascending order. */
    static boolean applies(List<Gate> gates) {
        int stage = 0;
        for (Gate g : gates) {
            int j = stageOf(g, stage);
            if (j < 0) return false;
            stage = j;
        }
        return true;
    }

    /**
     * The stage gate g joins when the run's current stage is {@code current}, or −1: the qubit it
     * changes (CZ changes either, so the lower one at or above {@code current}).
     */
    private static int stageOf(Gate g, int current) {
        int[] q = g.qubits();
        for (int x : q) if (x >= QUBITS) return -1;
        int j;
        switch (g.kind()) {
            case I, RY, H, Z, X -> j = q[0];
            case CX -> j = q[1];
            case CCX -> j = q[2];
            case CZ -> {
                int lo = Math.min(q[0], q[1]), hi = Math.max(q[0], q[1]);
                j = lo >= current ? lo : hi;
            }
            default -> {
                return -1;
            }
        }
        return j >= current ? j : -1;
    }

    /**
     * Fills {@code stages} (KernelOp#laneStages layout: stage j, context, row-major 2×2) with the
     * gates' product under the bindings; {@code gate} and {@code args} are scratch (8 and 3 doubles).
     */
    static void fill(List<Gate> gates, Bindings b, double[] stages, double[] gate, double[] args) {
        for (int j = 0; j < QUBITS; j++) {
            for (int ctx = 0; ctx < 4; ctx++) {
                int at = 16 * j + 4 * ctx;
                stages[at] = 1;
                stages[at + 1] = 0;
                stages[at + 2] = 0;
                stages[at + 3] = 1;
            }
        }
        int stage = 0;
        for (Gate g : gates) {
            int j = stageOf(g, stage);
            stage = j;
            int[] q = g.qubits();
            int controls = 0; // lane qubits that must be 1, as context bits of stage j
            double g00, g01, g10, g11;
            switch (g.kind()) {
                case CX, CCX -> {
                    for (int k = 0; k < q.length - 1; k++) controls |= contextBit(q[k], j);
                    g00 = 0; g01 = 1; g10 = 1; g11 = 0;
                }
                case CZ -> {
                    controls = contextBit(q[0] == j ? q[1] : q[0], j);
                    g00 = 1; g01 = 0; g10 = 0; g11 = -1;
                }
                default -> {
                    g.argValues(b, args);
                    GateMatrices.fill(g.kind(), args, gate);
                    g00 = gate[0]; g01 = gate[2]; g10 = gate[4]; g11 = gate[6];
                }
            }
            for (int ctx = 0; ctx < 4; ctx++) {
                if ((ctx & controls) != controls) continue;
                int at = 16 * j + 4 * ctx;
                double m00 = stages[at], m01 = stages[at + 1], m10 = stages[at + 2], m11 = stages[at + 3];
                stages[at] = g00 * m00 + g01 * m10;
                stages[at + 1] = g00 * m01 + g01 * m11;
                stages[at + 2] = g10 * m00 + g11 * m10;
                stages[at + 3] = g10 * m01 + g11 * m11;
            }
        }
    }

    /** The context bit of lane qubit k in stage j (the other two lane qubits, lower first). */
    private static int contextBit(int k, int j) {
        return 1 << (k < j ? k : k - 1);
    }

    /** Doubles of a stage table, for callers sizing their buffers. */
    static final int VALUES = KernelOp.LANE_STAGE_VALUES;
}
