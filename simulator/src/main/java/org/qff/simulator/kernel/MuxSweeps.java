package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;
import static org.qff.simulator.kernel.Lanes.VECTOR_BYTES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

/**
 * A real 4×4 on two high targets chosen by a third high qubit that it never changes (a
 * "multiplexed" pair: U0 where the selector is 0, U1 where it is 1).
 *
 * <p>Why: a CNOT ladder fused two qubits at a time is a chain of real blocks B_j on (j, j+1), each
 * RY then CNOT(j, j+1), in which qubit j is only a control. Two neighbours B_{j+1}·B_j act on
 * (j+1, j+2) with j as a selector, so one pass does the work of two: a pass costs about the same
 * (its loads, stores and index stepping) whether it applies one pair or two, and the pair's 16
 * multiply-adds per group of four vectors and half are still fewer than the FMA ports can do in
 * that time.
 *
 * <p>Shape: the two selector values are two walks over each half's groups (real parts, then
 * imaginary parts, as in TileSweeps), each with its matrix's 16
 * coefficient vectors broadcast once before the loop. The walk steps the index past the skipped
 * bits by mask, so short runs (lowest target 3) cost no per-run set-up; long runs go through a
 * counted inner loop, as in TileSweeps ({@link Lanes#NESTED_RUN_VECTORS}). The Vector API calls are
 * written out, as in every kernel (Lanes says why), rather than made through helpers: once a method's parse
 * graph passes C2's node-count cutoff, C2 still inlines the JDK's {@code @ForceInline} vector
 * methods (later, incrementally) but refuses ordinary helpers, and a vector passed to a call that
 * is not inlined is boxed. With the helpers and hoisted coefficients every vector was boxed (3.2
 * sweeps per pass, `-XX:+PrintInlining`: "NodeCountInliningCutoff" on the helper); with the
 * helpers and per-row broadcasts it ran at 0.51–0.53 sweeps; written out and hoisted, 0.34–0.41
 * (thread CPU time, n = 24, 2^16-amplitude blocks, 8 passes, three runs each).
 */
final class MuxSweeps {
    private MuxSweeps() {}

    static void mux2HighReal(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        long mask = op.skipMask(), d = dim << 3;
        long start = op.indexOf(from << LOG_L);
        for (int h = 0; h < 2; h++) {
            long half = h == 0 ? 0 : d;
            walk(seg, half, op.muxCoef, 0, op.offsets, start, to - from, mask, 0);
            walk(seg, half, op.muxCoef, 16, op.offsets, start | op.muxSelect, to - from, mask, op.muxSelect);
        }
    }

    /**
     * {@code count} groups of one half (byte offset {@code half}) from amplitude index a, stepping
     * a ← ((a | mask) + L) &amp; ~mask | pattern: the next index whose bits under mask equal pattern.
     */
    private static void walk(MemorySegment seg, long half, double[] u, int at, long[] off, long a, long count,
                             long mask, long pattern) {
        long o1 = off[1] << 3, o2 = off[2] << 3, o3 = off[3] << 3;
        long keep = ~mask;
        DoubleVector u00 = DoubleVector.broadcast(S, u[at]), u01 = DoubleVector.broadcast(S, u[at + 1]), u02 = DoubleVector.broadcast(S, u[at + 2]), u03 = DoubleVector.broadcast(S, u[at + 3]);
        DoubleVector u10 = DoubleVector.broadcast(S, u[at + 4]), u11 = DoubleVector.broadcast(S, u[at + 5]), u12 = DoubleVector.broadcast(S, u[at + 6]), u13 = DoubleVector.broadcast(S, u[at + 7]);
        DoubleVector u20 = DoubleVector.broadcast(S, u[at + 8]), u21 = DoubleVector.broadcast(S, u[at + 9]), u22 = DoubleVector.broadcast(S, u[at + 10]), u23 = DoubleVector.broadcast(S, u[at + 11]);
        DoubleVector u30 = DoubleVector.broadcast(S, u[at + 12]), u31 = DoubleVector.broadcast(S, u[at + 13]), u32 = DoubleVector.broadcast(S, u[at + 14]), u33 = DoubleVector.broadcast(S, u[at + 15]);
        long runVectors = Long.lowestOneBit(mask) >>> LOG_L;
        if (runVectors < Lanes.NESTED_RUN_VECTORS) {
            for (long g = 0; g < count; g++) {
                long b0 = (a << 3) + half, b1 = b0 + o1, b2 = b0 + o2, b3 = b0 + o3;
                DoubleVector x0 = DoubleVector.fromMemorySegment(S, seg, b0, ORDER), x1 = DoubleVector.fromMemorySegment(S, seg, b1, ORDER);
                DoubleVector x2 = DoubleVector.fromMemorySegment(S, seg, b2, ORDER), x3 = DoubleVector.fromMemorySegment(S, seg, b3, ORDER);
                x0.fma(u00, x1.fma(u01, x2.fma(u02, x3.mul(u03)))).intoMemorySegment(seg, b0, ORDER);
                x0.fma(u10, x1.fma(u11, x2.fma(u12, x3.mul(u13)))).intoMemorySegment(seg, b1, ORDER);
                x0.fma(u20, x1.fma(u21, x2.fma(u22, x3.mul(u23)))).intoMemorySegment(seg, b2, ORDER);
                x0.fma(u30, x1.fma(u31, x2.fma(u32, x3.mul(u33)))).intoMemorySegment(seg, b3, ORDER);
                a = (((a | mask) + L) & keep) | pattern;
            }
            return;
        }
        while (count > 0) {
            long k = Math.min(runVectors - ((a >>> LOG_L) & (runVectors - 1)), count);
            long base = (a << 3) + half;
            for (long o = 0, end = k * VECTOR_BYTES; o < end; o += VECTOR_BYTES) {
                long b0 = base + o, b1 = b0 + o1, b2 = b0 + o2, b3 = b0 + o3;
                DoubleVector x0 = DoubleVector.fromMemorySegment(S, seg, b0, ORDER), x1 = DoubleVector.fromMemorySegment(S, seg, b1, ORDER);
                DoubleVector x2 = DoubleVector.fromMemorySegment(S, seg, b2, ORDER), x3 = DoubleVector.fromMemorySegment(S, seg, b3, ORDER);
                x0.fma(u00, x1.fma(u01, x2.fma(u02, x3.mul(u03)))).intoMemorySegment(seg, b0, ORDER);
                x0.fma(u10, x1.fma(u11, x2.fma(u12, x3.mul(u13)))).intoMemorySegment(seg, b1, ORDER);
                x0.fma(u20, x1.fma(u21, x2.fma(u22, x3.mul(u23)))).intoMemorySegment(seg, b2, ORDER);
                x0.fma(u30, x1.fma(u31, x2.fma(u32, x3.mul(u33)))).intoMemorySegment(seg, b3, ORDER);
            }
            count -= k;
            long last = a + ((k - 1) << LOG_L);
            a = (((last | mask) + L) & keep) | pattern;
        }
    }
}
