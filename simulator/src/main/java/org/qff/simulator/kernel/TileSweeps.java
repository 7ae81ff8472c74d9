package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

/**
 * A rotation tile: real 2×2 gates A, B, C on three high targets, then a permutation of the eight
 * amplitudes they index, which may depend on a fourth high qubit it never changes (the selector).
 * That is a fused CNOT-ladder stretch: RY(j+1), RY(j+2), RY(j+3) commute to the front, and the
 * CNOTs (j, j+1), (j+1, j+2), (j+2, j+3) permute, with j only a control. One pass applies three
 * ladder blocks, against two for the multiplexed pair ({@link MuxSweeps}) and one for a fused
 * two-qubit block: per half and group of 8 vectors, 8 loads, 24 multiplies and 24 multiply-adds,
 * and 8 stores to permuted addresses.
 *
 * <p>Shape: one half (real or imaginary parts) per walk, the 12 coefficients broadcast once, the
 * Vector API calls written out (see MuxSweeps: through helpers, C2 boxes every vector of a kernel
 * this size). The walk steps the index past the skipped bits by mask, as MuxSweeps does.
 */
final class TileSweeps {
    private TileSweeps() {}

    static void tile(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        long mask = op.skipMask();
        long start = op.indexOf(from << LOG_L), count = to - from, d = dim << 3;
        int selectors = op.tileSelect == 0 ? 1 : 2;
        for (int x = 0; x < selectors; x++) {
            long pattern = x == 0 ? 0 : op.tileSelect;
            walk(seg, 0, op, 8 * x, start | pattern, count, mask, pattern);
            walk(seg, d, op, 8 * x, start | pattern, count, mask, pattern);
        }
    }

    /** {@code count} groups of one half (byte offset {@code half}), stepping as MuxSweeps#walk. */
    private static void walk(MemorySegment seg, long half, KernelOp op, int x8, long a, long count, long mask, long pattern) {
        double[] r = op.tileRot;
        long[] ld = op.tileLoad, st = op.tileStore;
        long l1 = ld[1], l2 = ld[2], l3 = ld[3], l4 = ld[4], l5 = ld[5], l6 = ld[6], l7 = ld[7];
        long s0 = st[x8], s1 = st[x8 + 1], s2 = st[x8 + 2], s3 = st[x8 + 3];
        long s4 = st[x8 + 4], s5 = st[x8 + 5], s6 = st[x8 + 6], s7 = st[x8 + 7];
        DoubleVector a00 = DoubleVector.broadcast(S, r[0]), a01 = DoubleVector.broadcast(S, r[1]);
        DoubleVector a10 = DoubleVector.broadcast(S, r[2]), a11 = DoubleVector.broadcast(S, r[3]);
        DoubleVector b00 = DoubleVector.broadcast(S, r[4]), b01 = DoubleVector.broadcast(S, r[5]);
        DoubleVector b10 = DoubleVector.broadcast(S, r[6]), b11 = DoubleVector.broadcast(S, r[7]);
        DoubleVector c00 = DoubleVector.broadcast(S, r[8]), c01 = DoubleVector.broadcast(S, r[9]);
        DoubleVector c10 = DoubleVector.broadcast(S, r[10]), c11 = DoubleVector.broadcast(S, r[11]);
        long keep = ~mask;
        for (long g = 0; g < count; g++) {
            long b = (a << 3) + half;
            DoubleVector v0 = DoubleVector.fromMemorySegment(S, seg, b, ORDER), v1 = DoubleVector.fromMemorySegment(S, seg, b + l1, ORDER);
            DoubleVector v2 = DoubleVector.fromMemorySegment(S, seg, b + l2, ORDER), v3 = DoubleVector.fromMemorySegment(S, seg, b + l3, ORDER);
            DoubleVector v4 = DoubleVector.fromMemorySegment(S, seg, b + l4, ORDER), v5 = DoubleVector.fromMemorySegment(S, seg, b + l5, ORDER);
            DoubleVector v6 = DoubleVector.fromMemorySegment(S, seg, b + l6, ORDER), v7 = DoubleVector.fromMemorySegment(S, seg, b + l7, ORDER);
            // A on local bit 0: pairs (0,1), (2,3), (4,5), (6,7)
            DoubleVector w0 = v1.fma(a01, v0.mul(a00)), w1 = v1.fma(a11, v0.mul(a10));
            DoubleVector w2 = v3.fma(a01, v2.mul(a00)), w3 = v3.fma(a11, v2.mul(a10));
            DoubleVector w4 = v5.fma(a01, v4.mul(a00)), w5 = v5.fma(a11, v4.mul(a10));
            DoubleVector w6 = v7.fma(a01, v6.mul(a00)), w7 = v7.fma(a11, v6.mul(a10));
            // B on local bit 1: pairs (0,2), (1,3), (4,6), (5,7)
            v0 = w2.fma(b01, w0.mul(b00)); v2 = w2.fma(b11, w0.mul(b10));
            v1 = w3.fma(b01, w1.mul(b00)); v3 = w3.fma(b11, w1.mul(b10));
            v4 = w6.fma(b01, w4.mul(b00)); v6 = w6.fma(b11, w4.mul(b10));
            v5 = w7.fma(b01, w5.mul(b00)); v7 = w7.fma(b11, w5.mul(b10));
            // C on local bit 2: pairs (0,4), (1,5), (2,6), (3,7); stored to the permuted rows
            v4.fma(c01, v0.mul(c00)).intoMemorySegment(seg, b + s0, ORDER);
            v4.fma(c11, v0.mul(c10)).intoMemorySegment(seg, b + s4, ORDER);
            v5.fma(c01, v1.mul(c00)).intoMemorySegment(seg, b + s1, ORDER);
            v5.fma(c11, v1.mul(c10)).intoMemorySegment(seg, b + s5, ORDER);
            v6.fma(c01, v2.mul(c00)).intoMemorySegment(seg, b + s2, ORDER);
            v6.fma(c11, v2.mul(c10)).intoMemorySegment(seg, b + s6, ORDER);
            v7.fma(c01, v3.mul(c00)).intoMemorySegment(seg, b + s3, ORDER);
            v7.fma(c11, v3.mul(c10)).intoMemorySegment(seg, b + s7, ORDER);
            a = (((a | mask) + L) & keep) | pattern;
        }
    }
}
