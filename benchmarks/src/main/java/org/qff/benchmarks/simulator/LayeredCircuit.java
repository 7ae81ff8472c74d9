package org.qff.benchmarks.simulator;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.RotationY;

/**
 * The benchmark circuit: {@value #LAYERS} × [RY(θ) on every qubit, then the CNOT ladder
 * (0→1), (1→2), …, (n−2→n−1)], with fixed angles. Built three ways: direct kernel calls, a
 * cache-blocked plan of prepared ops (two passes over memory per layer), and a Strange program.
 */
public final class LayeredCircuit {
    public static final int LAYERS = 5;
    /** Cache block: 2^16 amplitudes = 1 MiB (one core's L2 on this machine). */
    public static final int BLOCK_QUBITS = 16;

    private static final int[][] ONE = new int[StateVector.MAX_QUBITS][];

    static {
        for (int q = 0; q < ONE.length; q++) ONE[q] = new int[] {q};
    }

    private final int n;

    public LayeredCircuit(int n) {
        this.n = n;
    }

    public static double angle(int layer, int q) {
        return 0.1 + 0.07 * layer + 0.013 * q;
    }

    /** Gate by gate through the GateKernels calls: 2n − 1 passes over the state per layer. */
    public void applyUnfused(GateKernels k, StateVector s) {
        for (int l = 0; l < LAYERS; l++) {
            for (int q = 0; q < n; q++) k.ry(s, q, angle(l, q));
            for (int q = 0; q + 1 < n; q++) k.controlledX(s, ONE[q], q + 1);
        }
    }

    /**
     * The cache-blocked plan: per layer, pass 1 applies every gate on qubits below B to one
     * contiguous 2^B block at a time; pass 2 applies the rest (qubits B−1..n−1, whose RY commute with
     * pass 1) to strided blocks spanning qubits [0, c) ∪ [B−1, n) with the same 2^B size. RY on
     * disjoint qubits commute, so this is the same circuit. Ops are prepared once.
     */
    public final class BlockedPlan {
        final List<List<KernelOp>> low = new ArrayList<>(), high = new ArrayList<>();
        final int b, c, h;

        BlockedPlan() {
            b = Math.min(n, BLOCK_QUBITS);
            h = b - 1;
            c = Math.max(1, BLOCK_QUBITS - (n - h));
            for (int l = 0; l < LAYERS; l++) {
                List<KernelOp> lo = new ArrayList<>(), hi = new ArrayList<>();
                for (int q = 0; q < n; q++) (q < b ? lo : hi).add(KernelOp.ry(q, angle(l, q)));
                for (int q = 0; q + 1 < n; q++) (q + 1 < b ? lo : hi).add(KernelOp.controlledX(ONE[q], q + 1));
                low.add(List.copyOf(lo));
                high.add(List.copyOf(hi));
            }
        }

        public void apply(VectorKernels k, StateVector s) {
            for (int l = 0; l < LAYERS; l++) {
                k.applyBlocked(s, low.get(l), b);
                if (!high.get(l).isEmpty()) k.applyBlocked(s, high.get(l), c, h);
            }
        }
    }

    public BlockedPlan blockedPlan() {
        return new BlockedPlan();
    }

    /** The same circuit in qff's circuit model, for the circuit layer's fusion pass and executor. */
    public Circuit circuit() {
        CircuitBuilder b = Circuit.builder(n);
        for (int l = 0; l < LAYERS; l++) {
            for (int q = 0; q < n; q++) b.ry(q, angle(l, q));
            for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
        }
        return b.build();
    }

    /** The same circuit as a Strange program (one step for all RY of a layer, one per CNOT). */
    public Program strangeProgram() {
        Program p = new Program(n);
        for (int l = 0; l < LAYERS; l++) {
            Step rys = new Step();
            for (int q = 0; q < n; q++) rys.addGate(new RotationY(angle(l, q), q));
            p.addStep(rys);
            for (int q = 0; q + 1 < n; q++) p.addStep(new Step(new Cnot(q, q + 1)));
        }
        return p;
    }
}
