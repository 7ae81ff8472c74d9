package org.qff.simulator.exec;

import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * A run of consecutive ops that all act below qubit {@code blockQubits}, applied cache block by
 * cache block ({@link VectorKernels#applyBlocked}): the whole run costs one pass over memory
 * instead of one per op, with results identical to applying the ops one after another.
 */
final class BlockedOps implements Op {
    private final Op[] members;
    private final List<KernelOp> prepared;
    private final VectorKernels kernels;
    private final int blockQubits;

    BlockedOps(List<Op> members, VectorKernels kernels, int blockQubits) {
        this.members = members.toArray(Op[]::new);
        this.prepared = members.stream().map(Op::prepared).toList();
        this.kernels = kernels;
        this.blockQubits = blockQubits;
    }

    public void apply(GateKernels ignored, StateVector state, Bindings bindings) {
        for (Op m : members) m.rebind(bindings);
        kernels.applyBlocked(state, prepared, blockQubits);
    }

    public int maxQubit() { return blockQubits - 1; }

    public KernelOp prepared() { throw new UnsupportedOperationException("a blocked run is not one kernel op"); }

    public void rebind(Bindings bindings) {}

    int size() { return members.length; }
}
