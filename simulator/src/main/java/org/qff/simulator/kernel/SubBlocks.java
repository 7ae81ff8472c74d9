package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.LOG_L;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Applies a run of ops to one contiguous cache block, nesting: consecutive ops that act only below
 * qubit {@value #L2_QUBITS} go together one L2-sized sub-block (2^16 amplitudes, 1 MiB of the split
 * state) at a time when the block is larger, and within that, consecutive ops below qubit
 * {@value #L1_QUBITS} one L1-sized sub-block (2^11 amplitudes, 32 KiB) at a time; the others go
 * over the whole (sub-)block. The result is the same, bit for bit: a sub-block is closed under
 * such ops, so only the order of independent work changes.
 *
 * <p>Why L1: each op's pass over a 1 MiB block re-reads it from L2. Measured (thread CPU time,
 * n = 24, 2^16-amplitude blocks, RY on qubits 3..10): 0.35 sweeps per extra op over the whole
 * block, 0.29–0.33 through these sub-blocks. Why L2: the executor makes contiguous blocks of up to
 * 2^19 amplitudes (8 MiB, in L3) so that a few ops on qubits 16..18 join the pass over memory of
 * the ops below 16, instead of lengthening a strided pass (see CompiledCircuit); the ops below 16
 * then still run from L2.
 */
final class SubBlocks {
    private SubBlocks() {}

    static final int L1_QUBITS = 11;
    static final int L2_QUBITS = 16;

    /** Ops [0, count) on the block of 2^c amplitudes starting at amplitude blk·2^c (every op's qubits below c). */
    static void run(MemorySegment seg, long dim, int c, List<KernelOp> ops, long blk, double[] work) {
        run(seg, dim, c, ops, 0, ops.size(), blk, work);
    }

    /** Ops [from, to) on block blk of 2^c amplitudes. */
    private static void run(MemorySegment seg, long dim, int c, List<KernelOp> ops, int from, int to, long blk, double[] work) {
        int level = c > L2_QUBITS ? L2_QUBITS : c > L1_QUBITS ? L1_QUBITS : 0;
        int i = from;
        while (i < to) {
            KernelOp op = ops.get(i);
            if (level > 0 && op.maxQubit() < level) {
                int j = i + 1;
                while (j < to && ops.get(j).maxQubit() < level) j++;
                long first = blk << (c - level), end = first + (1L << (c - level));
                for (long sb = first; sb < end; sb++) run(seg, dim, level, ops, i, j, sb, work);
                i = j;
            } else {
                int lb = c - LOG_L - op.nInserted;
                long at = blk << lb;
                op.run(seg, dim, at, at + (1L << lb), work);
                i++;
            }
        }
    }
}
