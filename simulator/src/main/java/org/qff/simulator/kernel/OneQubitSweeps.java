package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Single-qubit sweeps and the plain scaling sweep, over a range of groups [from, to).
 *
 * <p>High target (t ≥ LOG_L): a group is L consecutive pairs (i, i + 2^t) with bit t of i clear;
 * the two halves are whole vectors. Low target: a group is one vector of L amplitudes that holds
 * both members of every pair; the partner is brought alongside by a constant lane shuffle and the
 * per-lane coefficients are blends of two broadcasts, fixed before the loop.
 *
 * <p>Everything is passed as primitives so the JIT keeps the coefficients in registers; nothing is
 * allocated (the vectors are scalarised by C2).
 */
final class OneQubitSweeps {
    private OneQubitSweeps() {}

    /** a ← f·a for every amplitude: one load and one store of each double. The memory floor. */
    static void scale(MemorySegment seg, long dim, double f, long from, long to) {
        DoubleVector fv = DoubleVector.broadcast(S, f);
        // The same loop shape as the gate kernels (group counter, index = g·L), so the floor is
        // compiled exactly like them.
        for (long g = from; g < to; g++) {
            long i = g << LOG_L;
            // Both loads before either store: re[i] and im[i] are 8·dim bytes apart, a multiple of
            // 4 KiB, so a store followed by a load of the other half would falsely alias (4K aliasing).
            DoubleVector r = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER), m = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            r.mul(fv).intoMemorySegment(seg, i << 3, ORDER);
            m.mul(fv).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    static void ryHigh(MemorySegment seg, long dim, int t, double c, double s, long from, long to) {
        if (t < DenseSweeps.FLAT_BELOW) {
            ryHighFlat(seg, dim, t, c, s, from, to);
            return;
        }
        long half = 1L << t;
        DoubleVector cv = DoubleVector.broadcast(S, c), sv = DoubleVector.broadcast(S, s),
                nsv = DoubleVector.broadcast(S, -s);
        // Runs of consecutive pairs (up to the next multiple of 2^t) have linear indices, so the
        // inner loop's bounds checks are hoisted as in the sweep.
        for (long p = from << LOG_L, end = to << LOG_L; p < end; ) {
            long runEnd = Math.min(end, ((p >> t) + 1) << t);
            long i0 = Lanes.insertZero(p, t), i1 = i0 + half, len = runEnd - p;
            for (long j = 0; j < len; j += L) {
                // all loads first: see scale() on 4K aliasing
                DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, (i0 + j) << 3, ORDER);
                DoubleVector br = DoubleVector.fromMemorySegment(S, seg, (i1 + j) << 3, ORDER);
                DoubleVector ai = DoubleVector.fromMemorySegment(S, seg, (dim + i0 + j) << 3, ORDER);
                DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (dim + i1 + j) << 3, ORDER);
                ar.fma(cv, br.mul(nsv)).intoMemorySegment(seg, (i0 + j) << 3, ORDER);
                ar.fma(sv, br.mul(cv)).intoMemorySegment(seg, (i1 + j) << 3, ORDER);
                ai.fma(cv, bi.mul(nsv)).intoMemorySegment(seg, (dim + i0 + j) << 3, ORDER);
                ai.fma(sv, bi.mul(cv)).intoMemorySegment(seg, (dim + i1 + j) << 3, ORDER);
            }
            p = runEnd;
        }
    }

    /**
     * {@link #ryHigh} for short runs (t below DenseSweeps.FLAT_BELOW): one flat loop stepping past
     * bit t. A method of its own: sharing ryHigh's hoisted vectors between two loops made C2 box
     * them (27× slower).
     */
    private static void ryHighFlat(MemorySegment seg, long dim, int t, double c, double s, long from, long to) {
        long half = 1L << t;
        DoubleVector cv = DoubleVector.broadcast(S, c), sv = DoubleVector.broadcast(S, s),
                nsv = DoubleVector.broadcast(S, -s);
        long a = Lanes.insertZero(from << LOG_L, t);
        for (long g = from; g < to; g++) {
            long b = a + half;
            DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, a << 3, ORDER), br = DoubleVector.fromMemorySegment(S, seg, b << 3, ORDER);
            DoubleVector ai = DoubleVector.fromMemorySegment(S, seg, (dim + a) << 3, ORDER);
            DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (dim + b) << 3, ORDER);
            ar.fma(cv, br.mul(nsv)).intoMemorySegment(seg, a << 3, ORDER);
            ar.fma(sv, br.mul(cv)).intoMemorySegment(seg, b << 3, ORDER);
            ai.fma(cv, bi.mul(nsv)).intoMemorySegment(seg, (dim + a) << 3, ORDER);
            ai.fma(sv, bi.mul(cv)).intoMemorySegment(seg, (dim + b) << 3, ORDER);
            a += L;
            a += a & half;
        }
    }

    static void ryLow(MemorySegment seg, long dim, int t, double c, double s, long from, long to) {
        VectorShuffle<Double> partner = Lanes.xor(1 << t);
        VectorMask<Double> upper = Lanes.bit(t);
        DoubleVector cv = DoubleVector.broadcast(S, c);
        // lane with bit t clear: a' = c·a − s·b; set: b' = s·a + c·b.
        DoubleVector pv = DoubleVector.broadcast(S, -s).blend(DoubleVector.broadcast(S, s), upper);
        for (long g = from; g < to; g++) {
            long i = g << LOG_L;
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            vr.fma(cv, vr.rearrange(partner).mul(pv)).intoMemorySegment(seg, i << 3, ORDER);
            vi.fma(cv, vi.rearrange(partner).mul(pv)).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    static void dense1High(MemorySegment seg, long dim, int t,
                           double u00r, double u00i, double u01r, double u01i,
                           double u10r, double u10i, double u11r, double u11i, long from, long to) {
        long half = 1L << t;
        DoubleVector a0r = DoubleVector.broadcast(S, u00r), a0i = DoubleVector.broadcast(S, u00i),
                na0i = DoubleVector.broadcast(S, -u00i);
        DoubleVector a1r = DoubleVector.broadcast(S, u01r), a1i = DoubleVector.broadcast(S, u01i),
                na1i = DoubleVector.broadcast(S, -u01i);
        DoubleVector b0r = DoubleVector.broadcast(S, u10r), b0i = DoubleVector.broadcast(S, u10i),
                nb0i = DoubleVector.broadcast(S, -u10i);
        DoubleVector b1r = DoubleVector.broadcast(S, u11r), b1i = DoubleVector.broadcast(S, u11i),
                nb1i = DoubleVector.broadcast(S, -u11i);
        for (long p = from << LOG_L, end = to << LOG_L; p < end; ) {
            long runEnd = Math.min(end, ((p >> t) + 1) << t);
            long i0 = Lanes.insertZero(p, t), i1 = i0 + half, len = runEnd - p;
            for (long j = 0; j < len; j += L) {
                long x0 = i0 + j, x1 = i1 + j;
                DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, x0 << 3, ORDER);
                DoubleVector ai = DoubleVector.fromMemorySegment(S, seg, (dim + x0) << 3, ORDER);
                DoubleVector br = DoubleVector.fromMemorySegment(S, seg, x1 << 3, ORDER);
                DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (dim + x1) << 3, ORDER);
                ar.fma(a0r, ai.fma(na0i, br.fma(a1r, bi.mul(na1i)))).intoMemorySegment(seg, x0 << 3, ORDER);
                ai.fma(a0r, ar.fma(a0i, bi.fma(a1r, br.mul(a1i)))).intoMemorySegment(seg, (dim + x0) << 3, ORDER);
                ar.fma(b0r, ai.fma(nb0i, br.fma(b1r, bi.mul(nb1i)))).intoMemorySegment(seg, x1 << 3, ORDER);
                ai.fma(b0r, ar.fma(b0i, bi.fma(b1r, br.mul(b1i)))).intoMemorySegment(seg, (dim + x1) << 3, ORDER);
            }
            p = runEnd;
        }
    }

    static void dense1Low(MemorySegment seg, long dim, int t,
                          double u00r, double u00i, double u01r, double u01i,
                          double u10r, double u10i, double u11r, double u11i, long from, long to) {
        VectorShuffle<Double> partner = Lanes.xor(1 << t);
        VectorMask<Double> upper = Lanes.bit(t);
        // Lane with bit t clear holds a: a' = u00·a + u01·b. Set: holds b: b' = u11·b + u10·a.
        DoubleVector sr = DoubleVector.broadcast(S, u00r).blend(DoubleVector.broadcast(S, u11r), upper);
        DoubleVector si = DoubleVector.broadcast(S, u00i).blend(DoubleVector.broadcast(S, u11i), upper);
        DoubleVector pr = DoubleVector.broadcast(S, u01r).blend(DoubleVector.broadcast(S, u10r), upper);
        DoubleVector pi = DoubleVector.broadcast(S, u01i).blend(DoubleVector.broadcast(S, u10i), upper);
        DoubleVector nsi = si.neg(), npi = pi.neg();
        for (long g = from; g < to; g++) {
            long i = g << LOG_L;
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            DoubleVector wr = vr.rearrange(partner), wi = vi.rearrange(partner);
            vr.fma(sr, vi.fma(nsi, wr.fma(pr, wi.mul(npi)))).intoMemorySegment(seg, i << 3, ORDER);
            vi.fma(sr, vr.fma(si, wi.fma(pr, wr.mul(pi)))).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }
}
