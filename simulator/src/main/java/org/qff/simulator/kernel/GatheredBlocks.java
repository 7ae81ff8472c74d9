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
 * Applied in place (VectorKernels#runBlocks) it is slow: each kernel call covers one short run,
 * and at n = 24 the runs lie a multiple of 64 KiB apart, so they map to the same few L2 sets
 * (probably evicting one another). Measured at n = 24 with fusion 2: the 14-op strided pass cost
 * 10.5–12 sweeps (~0.75 per op) against ~4 for the 9-op contiguous one (~0.45 per op); gathered,
 * the same pass costs 8.5–9.5 (2.8–3.3 of them the copies). Here each block is copied into a
 * contiguous per-thread buffer ({@link BlockBuffer}; qubit q &lt; c stays q, qubit q ≥ h becomes
 * c + q − h), the ops, already remapped to those buffer qubits, run over the whole buffer with
 * the ordinary contiguous kernels, and the block is copied back.
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
     * (scatter), run by run, both halves of each vector loaded before either is stored (4K
     * aliasing, see OneQubitSweeps#scale). Gather plus scatter of every block cost 2.8–3.3 sweeps
     * at n = 24 (runs of 2^7 to 2^9 amplitudes), against 1 for a streaming read and write: the
     * strided reads and writes, not the loop, set that (MemorySegment.copy per run, and four runs
     * copied interleaved, measured the same within the noise).
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
