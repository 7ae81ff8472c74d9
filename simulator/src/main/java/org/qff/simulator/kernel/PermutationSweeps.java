package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.load;
import static org.qff.simulator.kernel.Lanes.store;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * X with any controls (X, CNOT, Toffoli) and SWAP: pure data movement, no arithmetic.
 *
 * <p>High controls are bits the group → index map sets to 1, so amplitudes whose controls are 0
 * are never visited; low controls become a lane mask and a blend: the vector holding moved lanes
 * is read anyway, so it is stored whole (a masked store measured slower than blend + store).
 */
final class PermutationSweeps {
    private PermutationSweeps() {}

    static void controlledX(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        int t = op.targets[0];
        boolean masked = op.laneControl != (1L << L) - 1;
        if (t >= LOG_L) {
            long half = 1L << t;
            // consecutive groups' base indices by a masked step, not a per-group base(g) call:
            // a ← ((a | skip) + L) & ~skip | controls (the add carries past the skipped bits)
            long skip = op.skipMask(), set = op.setBits, keep = ~skip;
            long a = op.base(from);
            if (!masked) {
                for (long g = from; g < to; g++, a = (((a | skip) + L) & keep) | set) {
                    long i0 = a, i1 = i0 + half;
                    // all loads first (4K aliasing between the re and im halves)
                    DoubleVector ar = load(seg, i0), br = load(seg, i1);
                    DoubleVector ai = load(seg, dim + i0), bi = load(seg, dim + i1);
                    store(br, seg, i0);
                    store(ar, seg, i1);
                    store(bi, seg, dim + i0);
                    store(ai, seg, dim + i1);
                }
            } else {
                // Low controls: blends and full stores (every line is read anyway; a masked store
                // costs more than the blend).
                VectorMask<Double> m = Lanes.mask(op.laneControl);
                for (long g = from; g < to; g++, a = (((a | skip) + L) & keep) | set) {
                    long i0 = a, i1 = i0 + half;
                    DoubleVector ar = load(seg, i0), br = load(seg, i1);
                    DoubleVector ai = load(seg, dim + i0), bi = load(seg, dim + i1);
                    store(ar.blend(br, m), seg, i0);
                    store(br.blend(ar, m), seg, i1);
                    store(ai.blend(bi, m), seg, dim + i0);
                    store(bi.blend(ai, m), seg, dim + i1);
                }
            }
        } else {
            VectorShuffle<Double> partner = Lanes.xor(1 << t);
            if (!masked) {
                for (long g = from; g < to; g++) {
                    long i = op.base(g);
                    DoubleVector r = load(seg, i), m = load(seg, dim + i);
                    store(r.rearrange(partner), seg, i);
                    store(m.rearrange(partner), seg, dim + i);
                }
            } else {
                VectorMask<Double> m = Lanes.mask(op.laneControl);
                for (long g = from; g < to; g++) {
                    long i = op.base(g);
                    DoubleVector r = load(seg, i), x = load(seg, dim + i);
                    store(r.blend(r.rearrange(partner), m), seg, i);
                    store(x.blend(x.rearrange(partner), m), seg, dim + i);
                }
            }
        }
    }

    static void swap(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        int a = op.targets[0], b = op.targets[1]; // a < b
        if (a >= LOG_L) {
            long oa = 1L << a, ob = 1L << b;
            for (long g = from; g < to; g++) {
                long base = op.base(g), ia = base + oa, ib = base + ob;
                DoubleVector xr = load(seg, ia), yr = load(seg, ib);
                DoubleVector xi = load(seg, dim + ia), yi = load(seg, dim + ib);
                store(yr, seg, ia);
                store(xr, seg, ib);
                store(yi, seg, dim + ia);
                store(xi, seg, dim + ib);
            }
        } else if (b >= LOG_L) {
            // Lanes with bit a set in the b=0 vector trade places with lanes (l ^ 2^a) of the b=1 vector.
            long ob = 1L << b;
            VectorShuffle<Double> partner = Lanes.xor(1 << a);
            VectorMask<Double> upper = Lanes.bit(a), lower = upper.not();
            for (long g = from; g < to; g++) {
                long i0 = op.base(g), i1 = i0 + ob;
                DoubleVector v0 = load(seg, i0), v1 = load(seg, i1);
                DoubleVector w0 = load(seg, dim + i0), w1 = load(seg, dim + i1);
                store(v0.blend(v1.rearrange(partner), upper), seg, i0);
                store(v1.blend(v0.rearrange(partner), lower), seg, i1);
                store(w0.blend(w1.rearrange(partner), upper), seg, dim + i0);
                store(w1.blend(w0.rearrange(partner), lower), seg, dim + i1);
            }
        } else {
            VectorShuffle<Double> perm = Lanes.swapBits(a, b);
            for (long g = from; g < to; g++) {
                long i = g << LOG_L;
                DoubleVector r = load(seg, i), m = load(seg, dim + i);
                store(r.rearrange(perm), seg, i);
                store(m.rearrange(perm), seg, dim + i);
            }
        }
    }
}
