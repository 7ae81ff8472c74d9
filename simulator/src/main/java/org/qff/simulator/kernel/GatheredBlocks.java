package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;

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
 * the ordinary contiguous kernels, and the block is copied back. That holds for runs shorter than
 * a page (c &lt; 9): with runs of 4 KiB or more in place is faster, and the executor applies such
 * runs, and short runs on a block widened to c = 9, in place (exec.StridedRuns).
 *
 * <p>What the copies cost, and why (n = 24, c = 7, h = 15, single thread; in sweeps, one in-place
 * read+write pass = 1; medians of alternated runs on a shared, noisy 2-core Zen 5, so ±15%). A
 * pass with a trivial op costs 2.9–3.2; the same with a 2^16 contiguous block copied through the
 * buffer (h = n) 2.0, in place 1.0. The strided read sets most of it: reading the state alone in
 * this order (runs of 1 KiB, 256 KiB apart) costs 1.7–2.0 (contiguous 0.87–0.95; 2 KiB runs
 * 1.4; runs of 4 KiB or more, whole pages, 0.9–1.0), and the gather alone 1.8–2.5. Descending or
 * shuffled line order within a run is worse (2.4–3.6), so the hardware prefetcher, restarted on
 * every 1 KiB run, is what is missing. A block's lines are not kept between its gather and a
 * second gather right after (the second costs as much as the first), so everything below that
 * relies on cached lines fails. Tried, none better than this loop (trivial op unless said):
 * several consecutive blocks gathered together so the reads are 2–8 KiB contiguous (4.4–5.3,
 * the 2–8 MiB of buffers do not stay in L2); the scatter of block b interleaved run by run with
 * the gather of b + 1 (4.4–5.3), or spread between chunks of the ops (4.8; with the 14 real ops
 * of a fused layer 12.2 against 9.5); touching the next blocks' lines ahead (3.5–4.8); loading
 * each line to be written before storing it (worse by 0.7–3); smaller buffers, 2^12–2^14 with
 * the same runs (2.0–3.3); buffer base offsets 0–4032 bytes mod 4 KiB (no change); scatter in
 * reverse order (no change); two runs per loop, unrolling by 2, re and im in separate loops,
 * MemorySegment.copy per run (0.4–7 worse: loop shape alone moves these copies by up to 2×, the
 * same order in a differently nested loop measured 8 instead of 3.4); 2 MiB pages for the state (no change); the
 * ops in place on a strided block with c = 9..10 (trivial op 1.6–1.8, but the 14 real ops 9.1–9.9
 * against 8.7–9.3 gathered, c = 11, 12 much worse; ahead for runs of up to ~8 ops, see
 * exec.StridedRuns), and the first op in place on a c = 9 block
 * with the rest gathered (9.5). With the real ops the pass costs ~9: ~6.2 in the buffer (three
 * GENERIC two-qubit ops on lane qubits 0..3 alone take ~2.4) and ~3 in the copies.
 */
final class GatheredBlocks {
    private GatheredBlocks() {}

    /** Blocks [from, to) of the split [0, c) ∪ [h, n) of a state of dimension dim. */
    static void run(MemorySegment seg, long dim, int n, int c, int h, List<KernelOp> ops, long from, long to, double[] work) {
        long bufDim = 1L << (c + n - h);
        MemorySegment buf = BlockBuffer.of(bufDim);
        for (long blk = from; blk < to; blk++) {
            copy(seg, dim, buf, bufDim, n, c, h, blk << c, true);
            // runs of ops below SubBlocks.INNER_QUBITS of the buffer go sub-block by sub-block
            SubBlocks.run(buf, bufDim, c + n - h, ops, 0, work);
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
                    DoubleVector re = DoubleVector.fromMemorySegment(S, seg, (at + j) << 3, ORDER);
                    DoubleVector im = DoubleVector.fromMemorySegment(S, seg, (dim + at + j) << 3, ORDER);
                    re.intoMemorySegment(buf, (in + j) << 3, ORDER);
                    im.intoMemorySegment(buf, (bufDim + in + j) << 3, ORDER);
                }
            } else {
                for (long j = 0; j < run; j += L) {
                    DoubleVector re = DoubleVector.fromMemorySegment(S, buf, (in + j) << 3, ORDER);
                    DoubleVector im = DoubleVector.fromMemorySegment(S, buf, (bufDim + in + j) << 3, ORDER);
                    re.intoMemorySegment(seg, (at + j) << 3, ORDER);
                    im.intoMemorySegment(seg, (dim + at + j) << 3, ORDER);
                }
            }
        }
    }
}
