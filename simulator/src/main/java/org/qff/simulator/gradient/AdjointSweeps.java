package org.qff.simulator.gradient;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD pieces of the backward pass of adjoint differentiation, on spans of the {@link
 * org.qff.simulator.StateVector} split layout (2^n real parts, then 2^n imaginary parts) of the two
 * states ψ and λ at once, so that {@link BackwardPass} can apply a run of gates to one cache block
 * of both states after another.
 *
 * <ul>
 *   <li>One-qubit operator V (a run of one-qubit gates' U†, see {@link BackwardPass}) on a "high"
 *       target (2^q ≥ lanes): amplitude pairs (i0 + j, i1 + j), j in [0, len), from two spans.
 *       {@link #pairProducts} accumulates the four outer products Σ conj(λ_r)ψ_c, {@link #pairUpdate}
 *       writes ψ ← Vψ, λ ← Vλ.</li>
 *   <li>The same for a "low" target (partner amplitude in the same vector, lane shuffle):
 *       {@link #laneProducts} (per-lane sums) and {@link #laneUpdate}.</li>
 *   <li>{@link #diagonal}: a fixed diagonal gate's inverse on a span of both states.</li>
 * </ul>
 *
 * Every method passes only primitives and arrays and holds one or two loops: a single method doing
 * products and updates together runs C2 out of its inlining node budget inside the Vector API calls,
 * which stop being intrinsified, and every vector is boxed (measured ~10× slower, megabytes
 * allocated per step; {@code SteadyStateAllocationTest} guards this).
 */
final class AdjointSweeps {
    private AdjointSweeps() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int LOG_L = Integer.numberOfTrailingZeros(L);
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Double>[] PARTNER = new VectorShuffle[LOG_L];
    /** Lanes whose index has bit q set. */
    @SuppressWarnings("unchecked")
    private static final VectorMask<Double>[] UPPER = new VectorMask[LOG_L];
    static {
        for (int q = 0; q < LOG_L; q++) {
            int bit = 1 << q;
            PARTNER[q] = VectorShuffle.fromOp(S, i -> i ^ bit);
            boolean[] m = new boolean[L];
            for (int i = 0; i < L; i++) m[i] = (i & bit) != 0;
            UPPER[q] = VectorMask.fromArray(S, m, 0);
        }
    }

    /** Accumulator doubles one one-qubit step needs: 8 (high target) or 4 per lane (low target). */
    static final int ACC = Math.max(8, 4 * L);

    /**
     * Offset of group g's first amplitude: g·L with a zero bit inserted at position q (q = 62: no
     * insertion, the groups are consecutive vectors).
     */
    static long groupOffset(long g, int q) {
        long p = g << LOG_L, low = (1L << q) - 1;
        return ((p & ~low) << 1) | (p & low);
    }

    /**
     * acc[a + 2rc], acc[a + 2rc + 1] += Re, Im of Σ conj(λ_r)ψ_c over the amplitude pairs of groups
     * [from, to): group g pairs the vectors at s0 + o and s1 + o, o = {@link #groupOffset}(g, q).
     */
    static void pairProducts(MemorySegment ps, MemorySegment ls, long dim, long s0, long s1, int q, long from, long to, double[] acc, int a) {
        DoubleVector p00r = DoubleVector.zero(S), p00i = DoubleVector.zero(S), p01r = DoubleVector.zero(S), p01i = DoubleVector.zero(S);
        DoubleVector p10r = DoubleVector.zero(S), p10i = DoubleVector.zero(S), p11r = DoubleVector.zero(S), p11i = DoubleVector.zero(S);
        for (long gi = from; gi < to; gi++) {
            long o = groupOffset(gi, q), x0 = s0 + o, x1 = s1 + o;
            DoubleVector a0r = load(ps, x0), a0i = load(ps, dim + x0), a1r = load(ps, x1), a1i = load(ps, dim + x1);
            DoubleVector l0r = load(ls, x0), l0i = load(ls, dim + x0), l1r = load(ls, x1), l1i = load(ls, dim + x1);
            // conj(l)·a = (lr·ar + li·ai) + i(lr·ai − li·ar)
            p00r = l0r.fma(a0r, l0i.fma(a0i, p00r));
            p00i = l0r.fma(a0i, p00i).sub(l0i.mul(a0r));
            p01r = l0r.fma(a1r, l0i.fma(a1i, p01r));
            p01i = l0r.fma(a1i, p01i).sub(l0i.mul(a1r));
            p10r = l1r.fma(a0r, l1i.fma(a0i, p10r));
            p10i = l1r.fma(a0i, p10i).sub(l1i.mul(a0r));
            p11r = l1r.fma(a1r, l1i.fma(a1i, p11r));
            p11i = l1r.fma(a1i, p11i).sub(l1i.mul(a1r));
        }
        acc[a] += sum(p00r);
        acc[a + 1] += sum(p00i);
        acc[a + 2] += sum(p01r);
        acc[a + 3] += sum(p01i);
        acc[a + 4] += sum(p10r);
        acc[a + 5] += sum(p10i);
        acc[a + 6] += sum(p11r);
        acc[a + 7] += sum(p11i);
    }

    /**
     * ψ ← Vψ and λ ← Vλ on the pairs of groups [from, to) (as in {@link #pairProducts}). Both states
     * in one method on purpose: the bytecode then exceeds C2's FreqInlineSize and the method is
     * compiled on its own.
     */
    static void pairUpdate(MemorySegment ps, MemorySegment ls, long dim, long s0, long s1, int q, long from, long to, double u00r, double u00i, double u01r, double u01i,
                           double u10r, double u10i, double u11r, double u11i) {
        DoubleVector m00r = DoubleVector.broadcast(S, u00r), m00i = DoubleVector.broadcast(S, u00i);
        DoubleVector m01r = DoubleVector.broadcast(S, u01r), m01i = DoubleVector.broadcast(S, u01i);
        DoubleVector m10r = DoubleVector.broadcast(S, u10r), m10i = DoubleVector.broadcast(S, u10i);
        DoubleVector m11r = DoubleVector.broadcast(S, u11r), m11i = DoubleVector.broadcast(S, u11i);
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long gi = from; gi < to; gi++) {
                long o = groupOffset(gi, q), x0 = s0 + o, x1 = s1 + o;
                DoubleVector a0r = load(s, x0), a0i = load(s, dim + x0), a1r = load(s, x1), a1i = load(s, dim + x1);
                store(m00r.fma(a0r, m01r.mul(a1r)).sub(m00i.fma(a0i, m01i.mul(a1i))), s, x0);
                store(m00r.fma(a0i, m01r.mul(a1i)).add(m00i.fma(a0r, m01i.mul(a1r))), s, dim + x0);
                store(m10r.fma(a0r, m11r.mul(a1r)).sub(m10i.fma(a0i, m11i.mul(a1i))), s, x1);
                store(m10r.fma(a0i, m11r.mul(a1i)).add(m10i.fma(a0r, m11i.mul(a1r))), s, dim + x1);
            }
        }
    }

    /**
     * Low target q (lane l's partner is lane l ^ 2^q) on the span [i, i + len): per-lane sums
     * acc[a + l] + i·acc[a + L + l] of conj(λ)ψ and acc[a + 2L + l] + i·acc[a + 3L + l] of
     * conj(λ)·partner(ψ).
     */
    static void laneProducts(MemorySegment ps, MemorySegment ls, long dim, int q, long i, long len, double[] acc, int a) {
        VectorShuffle<Double> partner = PARTNER[q];
        DoubleVector dr = DoubleVector.zero(S), di = DoubleVector.zero(S), xr = DoubleVector.zero(S), xi = DoubleVector.zero(S);
        for (long j = 0; j < len; j += L) {
            long x = i + j;
            DoubleVector ar = load(ps, x), ai = load(ps, dim + x), lr = load(ls, x), li = load(ls, dim + x);
            DoubleVector br = ar.rearrange(partner), bi = ai.rearrange(partner);
            dr = lr.fma(ar, li.fma(ai, dr));
            di = lr.fma(ai, di).sub(li.mul(ar));
            xr = lr.fma(br, li.fma(bi, xr));
            xi = lr.fma(bi, xi).sub(li.mul(br));
        }
        dr.add(DoubleVector.fromArray(S, acc, a)).intoArray(acc, a);
        di.add(DoubleVector.fromArray(S, acc, a + L)).intoArray(acc, a + L);
        xr.add(DoubleVector.fromArray(S, acc, a + 2 * L)).intoArray(acc, a + 2 * L);
        xi.add(DoubleVector.fromArray(S, acc, a + 3 * L)).intoArray(acc, a + 3 * L);
    }

    /** Like {@link #pairUpdate}, for a low target q on the span [i, i + len) of both states. */
    static void laneUpdate(MemorySegment ps, MemorySegment ls, long dim, int q, long i, long len, double[] uu, int o) {
        VectorShuffle<Double> partner = PARTNER[q];
        VectorMask<Double> upper = UPPER[q];
        // lane-wise c = (u00 | u11), p = (u01 | u10) by the lane's bit q
        DoubleVector cr = DoubleVector.broadcast(S, uu[o]).blend(DoubleVector.broadcast(S, uu[o + 6]), upper);
        DoubleVector ci = DoubleVector.broadcast(S, uu[o + 1]).blend(DoubleVector.broadcast(S, uu[o + 7]), upper);
        DoubleVector pr = DoubleVector.broadcast(S, uu[o + 2]).blend(DoubleVector.broadcast(S, uu[o + 4]), upper);
        DoubleVector pi = DoubleVector.broadcast(S, uu[o + 3]).blend(DoubleVector.broadcast(S, uu[o + 5]), upper);
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long j = 0; j < len; j += L) {
                long x = i + j;
                DoubleVector ar = load(s, x), ai = load(s, dim + x);
                DoubleVector br = ar.rearrange(partner), bi = ai.rearrange(partner);
                store(cr.fma(ar, pr.mul(br)).sub(ci.fma(ai, pi.mul(bi))), s, x);
                store(cr.fma(ai, pr.mul(bi)).add(ci.fma(ar, pi.mul(br))), s, dim + x);
            }
        }
    }

    /**
     * Re⟨λ|G|ψ⟩ for a 2×2 matrix G (8 doubles at g[o]) from the accumulators of a one-qubit step
     * on target q (high or low layout, see {@link #pairProducts} and {@link #laneProducts}).
     */
    static double element(double[] acc, int a, int q, double[] g, int o) {
        double e = 0;
        if (q >= LOG_L) {
            for (int rc = 0; rc < 4; rc++) e += g[o + 2 * rc] * acc[a + 2 * rc] - g[o + 2 * rc + 1] * acc[a + 2 * rc + 1];
            return e;
        }
        int bit = 1 << q;
        for (int l = 0; l < L; l++) {
            boolean one = (l & bit) != 0;
            int diag = o + (one ? 6 : 0), off = o + (one ? 4 : 2);
            // Re(c·D + p·X) per lane, c the diagonal and p the off-diagonal entry of the lane's row
            e += g[diag] * acc[a + l] - g[diag + 1] * acc[a + L + l] + g[off] * acc[a + 2 * L + l] - g[off + 1] * acc[a + 3 * L + l];
        }
        return e;
    }

    /**
     * Multiplies the span [i, i + len) of both states by a diagonal: the factor of amplitude x is
     * table[2L·p + l] + i·table[2L·p + L + l] for lane l, where p = (x >>> shift) & mask collects the
     * diagonal's qubits at or above log2(lanes) (consecutive qubits; its lower qubits vary across the
     * lanes of each table row).
     */
    static void diagonal(MemorySegment ps, MemorySegment ls, long dim, long i, long len, int shift, long mask, double[] table) {
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long j = 0; j < len; j += L) {
                long x = i + j;
                int t = (int) ((x >>> shift) & mask) << (LOG_L + 1);
                DoubleVector fr = DoubleVector.fromArray(S, table, t), fi = DoubleVector.fromArray(S, table, t + L);
                DoubleVector ar = load(s, x), ai = load(s, dim + x);
                store(ar.mul(fr).sub(ai.mul(fi)), s, x);
                store(ar.fma(fi, ai.mul(fr)), s, dim + x);
            }
        }
    }

    private static DoubleVector load(MemorySegment m, long index) {
        return DoubleVector.fromMemorySegment(S, m, index << 3, NATIVE);
    }

    private static void store(DoubleVector v, MemorySegment m, long index) {
        v.intoMemorySegment(m, index << 3, NATIVE);
    }

    private static double sum(DoubleVector v) {
        return v.reduceLanes(VectorOperators.ADD);
    }
}
