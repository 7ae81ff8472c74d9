package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.S;
import static org.qff.simulator.kernel.Lanes.load;
import static org.qff.simulator.kernel.Lanes.store;

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
            DoubleVector r = load(seg, i), m = load(seg, dim + i);
            store(r.mul(fv), seg, i);
            store(m.mul(fv), seg, dim + i);
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
                DoubleVector ar = load(seg, i0 + j), br = load(seg, i1 + j);
                DoubleVector ai = load(seg, dim + i0 + j), bi = load(seg, dim + i1 + j);
                store(ar.fma(cv, br.mul(nsv)), seg, i0 + j);
                store(ar.fma(sv, br.mul(cv)), seg, i1 + j);
                store(ai.fma(cv, bi.mul(nsv)), seg, dim + i0 + j);
                store(ai.fma(sv, bi.mul(cv)), seg, dim + i1 + j);
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
            DoubleVector ar = load(seg, a), br = load(seg, b);
            DoubleVector ai = load(seg, dim + a), bi = load(seg, dim + b);
            store(ar.fma(cv, br.mul(nsv)), seg, a);
            store(ar.fma(sv, br.mul(cv)), seg, b);
            store(ai.fma(cv, bi.mul(nsv)), seg, dim + a);
            store(ai.fma(sv, bi.mul(cv)), seg, dim + b);
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
            DoubleVector vr = load(seg, i), vi = load(seg, dim + i);
            store(vr.fma(cv, vr.rearrange(partner).mul(pv)), seg, i);
            store(vi.fma(cv, vi.rearrange(partner).mul(pv)), seg, dim + i);
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
                DoubleVector ar = load(seg, x0), ai = load(seg, dim + x0);
                DoubleVector br = load(seg, x1), bi = load(seg, dim + x1);
                store(ar.fma(a0r, ai.fma(na0i, br.fma(a1r, bi.mul(na1i)))), seg, x0);
                store(ai.fma(a0r, ar.fma(a0i, bi.fma(a1r, br.mul(a1i)))), seg, dim + x0);
                store(ar.fma(b0r, ai.fma(nb0i, br.fma(b1r, bi.mul(nb1i)))), seg, x1);
                store(ai.fma(b0r, ar.fma(b0i, bi.fma(b1r, br.mul(b1i)))), seg, dim + x1);
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
            DoubleVector vr = load(seg, i), vi = load(seg, dim + i);
            DoubleVector wr = vr.rearrange(partner), wi = vi.rearrange(partner);
            store(vr.fma(sr, vi.fma(nsi, wr.fma(pr, wi.mul(npi)))), seg, i);
            store(vi.fma(sr, vr.fma(si, wi.fma(pr, wr.mul(pi)))), seg, dim + i);
        }
    }
}
