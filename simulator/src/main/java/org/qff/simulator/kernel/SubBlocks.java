package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.LOG_L;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Applies a run of ops to one contiguous cache block, nesting: consecutive ops that act only below
 * qubit {@value #L2_QUBITS} go together one L2-sized sub-block (2^16 amplitudes, 1 MiB of the split
 * state) at a time when the block is larger, and within that, consecutive ops below qubit
 * {@value #INNER_QUBITS} one inner sub-block (2^14 amplitudes, 256 KiB) at a time; the others go
 * over the whole (sub-)block. The result is the same, bit for bit: a sub-block is closed under
 * such ops, so only the order of independent work changes.
 *
 * <p>Why L2: the executor makes contiguous blocks of up to 2^19 amplitudes (8 MiB, in L3) so that a
 * few ops on qubits 16..18 join the pass over memory of the ops below 16, instead of lengthening a
 * strided pass (see CompiledCircuit); the ops below 16 then still run from L2.
 *
 * <p>Why 2^14 inside, not an L1-sized 2^11: the fused kernels (lane stages, rotation tiles) are
 * bound by their arithmetic, not by L2, and every sub-block costs each op a call and its set-up.
 * Paired thread-CPU-time rounds on the fused layered circuit at n = 24 (2026-12-02), against 2^11:
 * 2^12 0.97–0.99, 2^13 0.93–0.94, 2^14 0.91, 2^15 0.90–0.92, no inner level 0.90; on the unfused
 * cache-blocked circuit (RY kernels, where the L1 level had paid: 0.35 → 0.29–0.33 sweeps per op)
 * 2^13 and 2^14 0.97, 2^15 1.00, none 1.03.
 */
final class SubBlocks {
    private SubBlocks() {}

    static final int INNER_QUBITS = 14;
    static final int L2_QUBITS = 16;

    /** Ops [0, count) on the block of 2^c amplitudes starting at amplitude blk·2^c (every op's qubits below c). */
    static void run(MemorySegment seg, long dim, int c, List<KernelOp> ops, long blk, double[] work) {
        run(seg, dim, c, ops, 0, ops.size(), blk, work);
    }

    /** Ops [from, to) on block blk of 2^c amplitudes. */
    private static void run(MemorySegment seg, long dim, int c, List<KernelOp> ops, int from, int to, long blk, double[] work) {
        int level = c > L2_QUBITS ? L2_QUBITS : c > INNER_QUBITS ? INNER_QUBITS : 0;
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
