package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateMatrices;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * A rotation tile ({@link RotationTiles}) as one kernel call: the product of each target's
 * one-qubit gates (recomputed on re-binding when any is parameterised), then the fixed
 * permutation. Only made for {@link VectorKernels}.
 */
final class TileOp implements Op {
    private final RotationTiles.Plan plan;
    private final int[] perm;
    /** One-qubit gates in order, with the target index (0..2) each acts on. */
    private final Gate[] rotations;
    private final int[] on;
    private final boolean fixed;
    private final double[] rot = new double[12], gate = new double[8], args = new double[3];
    private KernelOp prepared;

    /** The block's gates as a rotation tile, by their plan ({@link RotationTiles#plan} of the same gates). */
    TileOp(GateFuser.Block block, RotationTiles.Plan plan) {
        List<Gate> gates = block.gates();
        if (plan == null) throw new IllegalArgumentException("block " + block + " is not a rotation tile");
        this.plan = plan;
        this.perm = RotationTiles.permutation(gates, plan);
        List<Gate> one = new ArrayList<>();
        for (Gate g : gates) if (g.qubits().length == 1 && !GateMatrices.isPermutation(g.kind()) && g.kind() != org.qff.simulator.circuit.GateKind.I) one.add(g);
        this.rotations = one.toArray(Gate[]::new);
        this.on = new int[rotations.length];
        boolean allFixed = true;
        for (int i = 0; i < rotations.length; i++) {
            on[i] = Integer.numberOfTrailingZeros(RotationTiles.bit(plan, rotations[i].qubits()[0]));
            allFixed &= rotations[i].isFixed();
        }
        this.fixed = allFixed;
        build(Bindings.NONE, allFixed);
    }

    /** rot ← per target, the product of its gates' (real) matrices in order; identity where there are none. */
    private void build(Bindings b, boolean evaluate) {
        for (int j = 0; j < 3; j++) Real2x2.identity(rot, 4 * j);
        if (!evaluate) return;
        for (int i = 0; i < rotations.length; i++) {
            Gate g = rotations[i];
            g.argValues(b, args);
            GateMatrices.fill(g.kind(), args, gate);
            Real2x2.leftMultiply(rot, 4 * on[i], gate[0], gate[2], gate[4], gate[6]); // the real parts of the interleaved 2×2
        }
    }

    public void apply(GateKernels k, StateVector s, Bindings b) {
        rebind(b);
        ((VectorKernels) k).apply(s, prepared());
    }

    public int maxQubit() { return Math.max(plan.targets()[2], plan.selector()); }

    public long qubitMask() { return GateOps.mask(plan.targets()) | (plan.selector() < 0 ? 0 : 1L << plan.selector()); }

    public KernelOp prepared() {
        if (prepared == null) prepared = KernelOp.tile(plan.targets(), plan.selector(), rot, perm);
        return prepared;
    }

    public void rebind(Bindings b) {
        if (fixed) return;
        build(b, true);
        prepared().setRotations(rot);
    }
}
