package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

/**
 * Diagonal gates (RZ, phase, S, T, CZ, controlled phase, ZZ rotations) as one multiply pass.
 *
 * <p>A group is one vector. The per-lane factor vectors depend only on the bits of the gate's high
 * qubits, which stay fixed over runs of 2^(lowest high qubit) amplitudes: the factors are loaded
 * once per run, and runs whose factors are all exactly 1 (3/4 of a CZ) are skipped, so those
 * amplitudes are neither read nor written.
 */
final class DiagonalSweep {
    private DiagonalSweep() {}

    static void apply(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] tab = op.table;
        int kh = op.kh;
        if (kh == 0) {
            if (!op.skip[0]) multiply(seg, dim, tab, 0, from, to);
            return;
        }
        int lowestHigh = Integer.MAX_VALUE;
        for (int b = 0; b < kh; b++) lowestHigh = Math.min(lowestHigh, op.hiPos[b]);
        int runShift = lowestHigh - LOG_L;
        if (runShift < 2) {
            // Runs of one or two vectors (lowest high qubit 3 or 4): a call per run cost 3× the
            // multiply itself, so factors are looked up per vector inside one loop instead.
            shortRuns(seg, dim, op, from, to);
            return;
        }
        for (long g = from; g < to; ) {
            long idx = g << LOG_L;
            int h = 0;
            for (int b = 0; b < kh; b++) h |= (int) ((idx >> op.hiPos[b]) & 1) << b;
            long end = Math.min(to, ((g >> runShift) + 1) << runShift);
            if (!op.skip[h]) {
                multiply(seg, dim, tab, 2 * h * L, g, end);
            }
            g = end;
        }
    }

    private static void shortRuns(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        if (op.kh == 1) {
            oneShortHighQubit(seg, dim, op, from, to);
            return;
        }
        double[] tab = op.table;
        boolean[] skip = op.skip;
        int[] hiPos = op.hiPos;
        int kh = op.kh;
        for (long g = from; g < to; g++) {
            long i = g << LOG_L;
            int h = 0;
            for (int b = 0; b < kh; b++) h |= (int) ((i >> hiPos[b]) & 1) << b;
            if (skip[h]) continue;
            DoubleVector cr = DoubleVector.fromArray(S, tab, 2 * h * L), ci = DoubleVector.fromArray(S, tab, 2 * h * L + L);
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            vr.fma(cr, vi.mul(ci.neg())).intoMemorySegment(seg, i << 3, ORDER);
            vr.fma(ci, vi.mul(cr)).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /**
     * One high qubit at 3 or 4 (e.g. CZ on (2, 3)): vectors alternate between the two factor
     * patterns every 1 or 2 vectors. Every vector is multiplied, in order, even where the factors
     * are all 1 (3/4 of a CZ): skipping alternate 64-byte lines measured 3 sweeps (reading every
     * other line costs as much as reading them all, and the strided loop ran slower), the full
     * sequential pass about 1.
     */
    private static void oneShortHighQubit(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] tab = op.table;
        int shift = op.hiPos[0] - LOG_L;
        long half = 1L << shift, period = 2 * half;
        // unaligned head and tail one vector at a time; the aligned middle in whole periods
        long g = from;
        for (; g < to && (g & (period - 1)) != 0; g++) one(seg, dim, op, g);
        long alignedEnd = g + ((to - g) & -period);
        periods(seg, dim, tab, half, period, g, alignedEnd);
        for (g = Math.max(g, alignedEnd); g < to; g++) one(seg, dim, op, g);
    }

    /** Whole periods [from, to) (multiples of period), both patterns, in index order. */
    private static void periods(MemorySegment seg, long dim, double[] tab, long half, long period, long from, long to) {
        DoubleVector c0r = DoubleVector.fromArray(S, tab, 0), c0i = DoubleVector.fromArray(S, tab, L);
        DoubleVector c1r = DoubleVector.fromArray(S, tab, 2 * L), c1i = DoubleVector.fromArray(S, tab, 3 * L);
        DoubleVector n0i = c0i.neg(), n1i = c1i.neg();
        // one flat loop (a nested period/half loop kept two vectors boxed per call)
        int shift = Long.numberOfTrailingZeros(half);
        long hv = half << LOG_L;
        for (long j = 0, count = (to - from) >> 1; j < count; j++) {
            long q = from + ((j >> shift) << (shift + 1)) + (j & (half - 1));
            long i = q << LOG_L, k = i + hv;
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            DoubleVector wr = DoubleVector.fromMemorySegment(S, seg, k << 3, ORDER);
            DoubleVector wi = DoubleVector.fromMemorySegment(S, seg, (dim + k) << 3, ORDER);
            vr.fma(c0r, vi.mul(n0i)).intoMemorySegment(seg, i << 3, ORDER);
            vr.fma(c0i, vi.mul(c0r)).intoMemorySegment(seg, (dim + i) << 3, ORDER);
            wr.fma(c1r, wi.mul(n1i)).intoMemorySegment(seg, k << 3, ORDER);
            wr.fma(c1i, wi.mul(c1r)).intoMemorySegment(seg, (dim + k) << 3, ORDER);
        }
    }

    private static void one(MemorySegment seg, long dim, KernelOp op, long g) {
        long i = g << LOG_L;
        int h = (int) ((i >> op.hiPos[0]) & 1);
        if (op.skip[h]) return;
        DoubleVector cr = DoubleVector.fromArray(S, op.table, 2 * h * L), ci = DoubleVector.fromArray(S, op.table, 2 * h * L + L);
        DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER), vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
        vr.fma(cr, vi.mul(ci.neg())).intoMemorySegment(seg, i << 3, ORDER);
        vr.fma(ci, vi.mul(cr)).intoMemorySegment(seg, (dim + i) << 3, ORDER);
    }

    /** Factors are passed as a table offset, not as vectors: a vector argument of a call that is not inlined is boxed. */
    private static void multiply(MemorySegment seg, long dim, double[] tab, int at, long from, long to) {
        DoubleVector cr = DoubleVector.fromArray(S, tab, at), ci = DoubleVector.fromArray(S, tab, at + L);
        DoubleVector nci = ci.neg();
        for (long g = from; g < to; g++) {
            long i = g << LOG_L;
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            vr.fma(cr, vi.mul(nci)).intoMemorySegment(seg, i << 3, ORDER);
            vr.fma(ci, vi.mul(cr)).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }
}
