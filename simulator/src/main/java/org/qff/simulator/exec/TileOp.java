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

    TileOp(GateFuser.Block block) {
        List<Gate> gates = block.gates();
        this.plan = RotationTiles.plan(gates);
        if (plan == null) throw new IllegalArgumentException("block " + block + " is not a rotation tile");
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
        for (int j = 0; j < 3; j++) {
            rot[4 * j] = 1;
            rot[4 * j + 1] = 0;
            rot[4 * j + 2] = 0;
            rot[4 * j + 3] = 1;
        }
        if (!evaluate) return;
        for (int i = 0; i < rotations.length; i++) {
            Gate g = rotations[i];
            g.argValues(b, args);
            GateMatrices.fill(g.kind(), args, gate);
            int o = 4 * on[i];
            double r00 = rot[o], r01 = rot[o + 1], r10 = rot[o + 2], r11 = rot[o + 3];
            double g00 = gate[0], g01 = gate[2], g10 = gate[4], g11 = gate[6];
            rot[o] = g00 * r00 + g01 * r10;
            rot[o + 1] = g00 * r01 + g01 * r11;
            rot[o + 2] = g10 * r00 + g11 * r10;
            rot[o + 3] = g10 * r01 + g11 * r11;
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
