package org.qff.simulator.exec;

import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * A run of consecutive ops that all act on qubits in [0, lowQubits) ∪ [highFrom, n), applied one
 * cache block at a time ({@link VectorKernels#applyBlocked(StateVector, List, int, int)}: a block
 * is the set of amplitudes agreeing on the middle qubits): the whole run costs one pass over
 * memory instead of one per op, with results identical to applying the ops one after another.
 */
final class BlockedOps implements Op {
    private final Op[] members;
    private final List<KernelOp> prepared;
    private final VectorKernels kernels;
    private final int lowQubits, highFrom;
    private final long mask;

    BlockedOps(List<Op> members, VectorKernels kernels, int lowQubits, int highFrom) {
        this.members = members.toArray(Op[]::new);
        this.prepared = members.stream().map(Op::prepared).toList();
        this.kernels = kernels;
        this.lowQubits = lowQubits;
        this.highFrom = highFrom;
        long m = 0;
        for (Op op : members) m |= op.qubitMask();
        this.mask = m;
    }

    public void apply(GateKernels ignored, StateVector state, Bindings bindings) {
        for (Op m : members) m.rebind(bindings);
        kernels.applyBlocked(state, prepared, lowQubits, highFrom);
    }

    public int maxQubit() { return 63 - Long.numberOfLeadingZeros(mask); }

    public long qubitMask() { return mask; }

    public KernelOp prepared() { throw new UnsupportedOperationException("a blocked run is not one kernel op"); }

    public void rebind(Bindings bindings) {}

    int size() { return members.length; }

    /** Whether the blocks are strided: some op acts on a qubit at or above highFrom. */
    boolean strided() { return highFrom < 64 && (mask >>> highFrom) != 0; }
}
