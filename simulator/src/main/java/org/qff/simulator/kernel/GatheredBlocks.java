package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.load;
import static org.qff.simulator.kernel.Lanes.store;

import java.lang.foreign.MemorySegment;
import java.util.List;
import jdk.incubator.vector.DoubleVector;

/**
 * Cache blocking for ops on low and high qubits together, through a contiguous copy. A strided
 * block of the split [0, c) ∪ [h, n) is 2^(n−h) runs of 2^c consecutive amplitudes, 2^h apart.
 * Applied in place (VectorKernels#runBlocks) it is slow twice over: each kernel call covers one
 * short run, and at n = 24 the runs lie a multiple of 64 KiB apart, so they all fall into the same
 * few sets of the L2 and the "cache block" does not stay in cache (measured: a 14-op strided pass
 * cost 10–12 sweeps against 4 for a 9-op contiguous one). Here each block is copied into a
 * contiguous per-thread buffer ({@link BlockBuffer}; qubit q &lt; c stays q, qubit q ≥ h becomes
 * c + q − h), the ops, already remapped to those buffer qubits, run over the whole buffer with
 * the ordinary contiguous kernels, and the block is copied back: one read and one write of the
 * state per pass, whatever the op count.
 */
final class GatheredBlocks {
    private GatheredBlocks() {}

    /** Blocks [from, to) of the split [0, c) ∪ [h, n) of a state of dimension dim. */
    static void run(MemorySegment seg, long dim, int n, int c, int h, List<KernelOp> ops, long from, long to, double[] work) {
        long bufDim = 1L << (c + n - h);
        MemorySegment buf = BlockBuffer.of(bufDim);
        int count = ops.size();
        for (long blk = from; blk < to; blk++) {
            copy(seg, dim, buf, bufDim, n, c, h, blk << c, true);
            for (int i = 0; i < count; i++) {
                KernelOp op = ops.get(i);
                op.run(buf, bufDim, 0, op.groups(bufDim), work);
            }
            copy(seg, dim, buf, bufDim, n, c, h, blk << c, false);
        }
    }

    /**
     * Copies the block whose first amplitude is {@code first} into the buffer (gather) or back
     * (scatter), run by run. A vector loop rather than MemorySegment.copy per run: the per-call
     * checks of copy() on 2 × 2^(n−h) short runs per block made gather + scatter cost about 3
     * sweeps (measured at n = 24, runs of 2^7); here they are hoisted by the JIT as in the kernels.
     * Each run's real and imaginary loads both precede the stores (4K aliasing, see
     * OneQubitSweeps#scale).
     */
    private static void copy(MemorySegment seg, long dim, MemorySegment buf, long bufDim, int n, int c, int h,
                             long first, boolean gather) {
        long run = 1L << c, runs = 1L << (n - h);
        for (long r = 0; r < runs; r++) {
            long at = (r << h) | first, in = r << c;
            if (gather) {
                for (long j = 0; j < run; j += L) {
                    DoubleVector re = load(seg, at + j), im = load(seg, dim + at + j);
                    store(re, buf, in + j);
                    store(im, buf, bufDim + in + j);
                }
            } else {
                for (long j = 0; j < run; j += L) {
                    DoubleVector re = load(buf, in + j), im = load(buf, bufDim + in + j);
                    store(re, seg, at + j);
                    store(im, seg, dim + at + j);
                }
            }
        }
    }
}
