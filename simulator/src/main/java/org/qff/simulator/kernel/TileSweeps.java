package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;
import static org.qff.simulator.kernel.Lanes.VECTOR_BYTES;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

/**
 * A rotation tile: real 2×2 gates A, B, C on three high targets, then a permutation of the eight
 * amplitudes they index, which may depend on a fourth high qubit it never changes (the selector).
 * That is a fused CNOT-ladder stretch: RY(j+1), RY(j+2), RY(j+3) commute to the front, and the
 * CNOTs (j, j+1), (j+1, j+2), (j+2, j+3) permute, with j only a control. One pass applies three
 * ladder blocks, against two for the multiplexed pair ({@link MuxSweeps}) and one for a fused
 * two-qubit block: per half and group of 8 vectors, 8 loads, 8 multiplies and 24 multiply-adds
 * in the pivot form (KernelOp#pivotTile: A and B as one multiply-add per amplitude each, C with the
 * diagonal folded in), and 8 stores to permuted addresses.
 *
 * <p>Shape: one half (real or imaginary parts) per walk, the 20 coefficients broadcast once, the
 * Vector API calls written out (see MuxSweeps: through helpers, C2 boxes every vector of a kernel
 * this size). The walk steps the index past the skipped bits by mask, as MuxSweeps does; long
 * runs between skipped bits go through a counted inner loop instead ({@link Lanes#NESTED_RUN_VECTORS}).
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
        double[] r = op.tileCoef;
        long[] ld = op.tileLoad, st = op.tileStore;
        long l1 = ld[1], l2 = ld[2], l3 = ld[3], l4 = ld[4], l5 = ld[5], l6 = ld[6], l7 = ld[7];
        long s0 = st[x8], s1 = st[x8 + 1], s2 = st[x8 + 2], s3 = st[x8 + 3];
        long s4 = st[x8 + 4], s5 = st[x8 + 5], s6 = st[x8 + 6], s7 = st[x8 + 7];
        DoubleVector ua = DoubleVector.broadcast(S, r[0]), va = DoubleVector.broadcast(S, r[1]);
        DoubleVector ub = DoubleVector.broadcast(S, r[2]), vb = DoubleVector.broadcast(S, r[3]);
        DoubleVector e00 = DoubleVector.broadcast(S, r[4]), e01 = DoubleVector.broadcast(S, r[5]);
        DoubleVector e10 = DoubleVector.broadcast(S, r[6]), e11 = DoubleVector.broadcast(S, r[7]);
        DoubleVector e20 = DoubleVector.broadcast(S, r[8]), e21 = DoubleVector.broadcast(S, r[9]);
        DoubleVector e30 = DoubleVector.broadcast(S, r[10]), e31 = DoubleVector.broadcast(S, r[11]);
        DoubleVector e40 = DoubleVector.broadcast(S, r[12]), e41 = DoubleVector.broadcast(S, r[13]);
        DoubleVector e50 = DoubleVector.broadcast(S, r[14]), e51 = DoubleVector.broadcast(S, r[15]);
        DoubleVector e60 = DoubleVector.broadcast(S, r[16]), e61 = DoubleVector.broadcast(S, r[17]);
        DoubleVector e70 = DoubleVector.broadcast(S, r[18]), e71 = DoubleVector.broadcast(S, r[19]);
        long keep = ~mask;
        long runVectors = Long.lowestOneBit(mask) >>> LOG_L;
        if (runVectors < Lanes.NESTED_RUN_VECTORS) {
            for (long g = 0; g < count; g++) {
                long b = (a << 3) + half;
                DoubleVector v0 = DoubleVector.fromMemorySegment(S, seg, b, ORDER), v1 = DoubleVector.fromMemorySegment(S, seg, b + l1, ORDER);
                DoubleVector v2 = DoubleVector.fromMemorySegment(S, seg, b + l2, ORDER), v3 = DoubleVector.fromMemorySegment(S, seg, b + l3, ORDER);
                DoubleVector v4 = DoubleVector.fromMemorySegment(S, seg, b + l4, ORDER), v5 = DoubleVector.fromMemorySegment(S, seg, b + l5, ORDER);
                DoubleVector v6 = DoubleVector.fromMemorySegment(S, seg, b + l6, ORDER), v7 = DoubleVector.fromMemorySegment(S, seg, b + l7, ORDER);
                // T_A on local bit 0: (x, y) -> (x + u y, v x + y) on pairs (0,1), (2,3), (4,5), (6,7)
                DoubleVector w0 = v1.fma(ua, v0), w1 = v0.fma(va, v1);
                DoubleVector w2 = v3.fma(ua, v2), w3 = v2.fma(va, v3);
                DoubleVector w4 = v5.fma(ua, v4), w5 = v4.fma(va, v5);
                DoubleVector w6 = v7.fma(ua, v6), w7 = v6.fma(va, v7);
                // T_B on local bit 1: pairs (0,2), (1,3), (4,6), (5,7)
                v0 = w2.fma(ub, w0); v2 = w0.fma(vb, w2);
                v1 = w3.fma(ub, w1); v3 = w1.fma(vb, w3);
                v4 = w6.fma(ub, w4); v6 = w4.fma(vb, w6);
                v5 = w7.fma(ub, w5); v7 = w5.fma(vb, w7);
                // C on local bit 2 with the diagonal folded in, pairs (j, j+4); stored to the flipped, permuted rows
                v4.fma(e01, v0.mul(e00)).intoMemorySegment(seg, b + s0, ORDER);
                v4.fma(e41, v0.mul(e40)).intoMemorySegment(seg, b + s4, ORDER);
                v5.fma(e11, v1.mul(e10)).intoMemorySegment(seg, b + s1, ORDER);
                v5.fma(e51, v1.mul(e50)).intoMemorySegment(seg, b + s5, ORDER);
                v6.fma(e21, v2.mul(e20)).intoMemorySegment(seg, b + s2, ORDER);
                v6.fma(e61, v2.mul(e60)).intoMemorySegment(seg, b + s6, ORDER);
                v7.fma(e31, v3.mul(e30)).intoMemorySegment(seg, b + s3, ORDER);
                v7.fma(e71, v3.mul(e70)).intoMemorySegment(seg, b + s7, ORDER);
                a = (((a | mask) + L) & keep) | pattern;
            }
            return;
        }
        while (count > 0) {
            long k = Math.min(runVectors - ((a >>> LOG_L) & (runVectors - 1)), count);
            long base = (a << 3) + half;
            for (long o = 0, end = k * VECTOR_BYTES; o < end; o += VECTOR_BYTES) {
                long b = base + o;
                DoubleVector v0 = DoubleVector.fromMemorySegment(S, seg, b, ORDER), v1 = DoubleVector.fromMemorySegment(S, seg, b + l1, ORDER);
                DoubleVector v2 = DoubleVector.fromMemorySegment(S, seg, b + l2, ORDER), v3 = DoubleVector.fromMemorySegment(S, seg, b + l3, ORDER);
                DoubleVector v4 = DoubleVector.fromMemorySegment(S, seg, b + l4, ORDER), v5 = DoubleVector.fromMemorySegment(S, seg, b + l5, ORDER);
                DoubleVector v6 = DoubleVector.fromMemorySegment(S, seg, b + l6, ORDER), v7 = DoubleVector.fromMemorySegment(S, seg, b + l7, ORDER);
                // T_A on local bit 0: (x, y) -> (x + u y, v x + y) on pairs (0,1), (2,3), (4,5), (6,7)
                DoubleVector w0 = v1.fma(ua, v0), w1 = v0.fma(va, v1);
                DoubleVector w2 = v3.fma(ua, v2), w3 = v2.fma(va, v3);
                DoubleVector w4 = v5.fma(ua, v4), w5 = v4.fma(va, v5);
                DoubleVector w6 = v7.fma(ua, v6), w7 = v6.fma(va, v7);
                // T_B on local bit 1: pairs (0,2), (1,3), (4,6), (5,7)
                v0 = w2.fma(ub, w0); v2 = w0.fma(vb, w2);
                v1 = w3.fma(ub, w1); v3 = w1.fma(vb, w3);
                v4 = w6.fma(ub, w4); v6 = w4.fma(vb, w6);
                v5 = w7.fma(ub, w5); v7 = w5.fma(vb, w7);
                // C on local bit 2 with the diagonal folded in, pairs (j, j+4); stored to the flipped, permuted rows
                v4.fma(e01, v0.mul(e00)).intoMemorySegment(seg, b + s0, ORDER);
                v4.fma(e41, v0.mul(e40)).intoMemorySegment(seg, b + s4, ORDER);
                v5.fma(e11, v1.mul(e10)).intoMemorySegment(seg, b + s1, ORDER);
                v5.fma(e51, v1.mul(e50)).intoMemorySegment(seg, b + s5, ORDER);
                v6.fma(e21, v2.mul(e20)).intoMemorySegment(seg, b + s2, ORDER);
                v6.fma(e61, v2.mul(e60)).intoMemorySegment(seg, b + s6, ORDER);
                v7.fma(e31, v3.mul(e30)).intoMemorySegment(seg, b + s3, ORDER);
                v7.fma(e71, v3.mul(e70)).intoMemorySegment(seg, b + s7, ORDER);
            }
            count -= k;
            long last = a + ((k - 1) << LOG_L);
            a = (((last | mask) + L) & keep) | pattern;
        }
    }
}
