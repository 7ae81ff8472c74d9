package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * A run of consecutive ops on qubits [0, lowQubits) ∪ [highFrom, n) with highFrom &lt; n (a strided
 * cache block), applied through {@link VectorKernels#applyGathered}: each block is copied into a
 * contiguous buffer, where the ops act on remapped qubits (q &lt; lowQubits stays q, q ≥ highFrom
 * becomes lowQubits + q − highFrom), and copied back. The remapped copies are refreshed from the
 * members' own prepared ops after each re-binding, in place, so a run allocates nothing.
 */
final class GatheredOps implements Op {
    private final Op[] members;
    private final KernelOp[] originals;
    private final List<KernelOp> local;
    private final int[] map;
    private final VectorKernels kernels;
    private final int lowQubits, highFrom;
    private final long mask;

    GatheredOps(List<Op> members, VectorKernels kernels, int lowQubits, int highFrom, int n) {
        this.members = members.toArray(Op[]::new);
        this.originals = members.stream().map(Op::prepared).toArray(KernelOp[]::new);
        this.kernels = kernels;
        this.lowQubits = lowQubits;
        this.highFrom = highFrom;
        this.map = new int[n];
        for (int q = 0; q < n; q++) map[q] = q < lowQubits ? q : q >= highFrom ? lowQubits + q - highFrom : -1;
        List<KernelOp> copies = new ArrayList<>(originals.length);
        for (KernelOp op : originals) {
            KernelOp copy = KernelOp.scale(1.0);
            copy.remapFrom(op, map);
            copies.add(copy);
        }
        this.local = List.copyOf(copies);
        long m = 0;
        for (Op op : members) m |= op.qubitMask();
        this.mask = m;
    }

    public void apply(GateKernels ignored, StateVector state, Bindings bindings) {
        for (int i = 0; i < members.length; i++) {
            members[i].rebind(bindings);
            // a few field copies per op: negligible beside a pass over a state larger than a block
            local.get(i).remapFrom(originals[i], map);
        }
        kernels.applyGathered(state, local, lowQubits, highFrom);
    }

    public int maxQubit() { return 63 - Long.numberOfLeadingZeros(mask); }

    public long qubitMask() { return mask; }

    public KernelOp prepared() { throw new UnsupportedOperationException("a gathered run is not one kernel op"); }

    public void rebind(Bindings bindings) {}

    int size() { return members.length; }
}
