package org.qff.simulator.gradient;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD pieces of the backward pass of adjoint differentiation, on spans of the {@link
 * org.qff.simulator.StateVector} split layout (2^n real parts, then 2^n imaginary parts) of the two
 * states ψ and λ at once, so that {@link BackwardPass} can apply a run of gates to one cache block
 * of both states after another. Spans are given in a block's virtual index ({@link #at}).
 *
 * <ul>
 *   <li>One-qubit operator V (a run of one-qubit gates' U†, see {@link BackwardPass}) on a "high"
 *       target (2^q ≥ lanes): amplitude pairs (x0, x0 + 2^q). {@link #pairProducts} accumulates the
 *       sums of conj(λ_r)ψ_c the derivative elements need, {@link #pairUpdate} writes ψ ← Vψ, λ ← Vλ.</li>
 *   <li>The same for a "low" target (partner amplitude in the same vector, lane shuffle):
 *       {@link #laneProducts} and {@link #laneUpdate}.</li>
 *   <li>{@link #diagonal}, {@link #realDiagonal}: a fixed diagonal gate's inverse on a span of both states.</li>
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

    /** Accumulator doubles one one-qubit step needs: 8 vectors (high target) or 5 (low target). */
    static final int ACC = 8 * L;

    /**
     * Global index of the virtual index v of a block: a block's 2^B amplitudes are the ones agreeing
     * on the bits of {@code base}; virtual bits below c1 (lowMask = 2^c1 − 1) stay, the others move
     * up by gap = h − c1 (the block's high qubits [h, h + B − c1)). v is a multiple of L (c1 ≥ log2 L),
     * so a vector of L consecutive virtual amplitudes is L consecutive amplitudes of the state.
     */
    static long at(long base, long lowMask, int gap, long v) {
        return base | (v & lowMask) | ((v & ~lowMask) << gap);
    }

    /** Virtual index of group g's first amplitude for a virtual target qv ≥ log2 L: g·L with a zero bit inserted at qv. */
    static long groupOffset(long g, int qv) {
        long p = g << LOG_L, low = (1L << qv) - 1;
        return ((p & ~low) << 1) | (p & low);
    }

    /**
     * The four real sums a one-qubit step's derivative elements need, per lane, over the amplitude
     * pairs of groups [from, to) of a block (see {@link #at}): group g pairs the vectors at
     * x0 = at(groupOffset(g, qv)) and x1 = x0 + delta (delta = 2^q, q the target's global qubit).
     * With P_rc = Σ conj(λ_r)ψ_c, only Im P00, Im P11, Re(P01 − P10) and Im(P01 + P10) enter
     * Re Σ G_rc·P_rc for an anti-Hermitian G (see {@link #element}); each is kept as two accumulators
     * (added and subtracted terms, acc[a + 2k·L + l] and acc[a + (2k + 1)·L + l]), so every term is
     * one FMA: 12 per pair instead of 20 for all of P. Per-lane sums: no reduction per call.
     */
    static void pairProducts(MemorySegment ps, MemorySegment ls, long dim, long base, long lowMask, int gap, int qv, long delta,
                             long from, long to, double[] acc, int a) {
        DoubleVector s0p = DoubleVector.zero(S), s0m = DoubleVector.zero(S), s1p = DoubleVector.zero(S), s1m = DoubleVector.zero(S);
        DoubleVector s2p = DoubleVector.zero(S), s2m = DoubleVector.zero(S), s3p = DoubleVector.zero(S), s3m = DoubleVector.zero(S);
        for (long gi = from; gi < to; gi++) {
            long x0 = at(base, lowMask, gap, groupOffset(gi, qv)), x1 = x0 + delta;
            DoubleVector a0r = DoubleVector.fromMemorySegment(S, ps, x0 << 3, NATIVE);
            DoubleVector a0i = DoubleVector.fromMemorySegment(S, ps, (dim + x0) << 3, NATIVE);
            DoubleVector a1r = DoubleVector.fromMemorySegment(S, ps, x1 << 3, NATIVE);
            DoubleVector a1i = DoubleVector.fromMemorySegment(S, ps, (dim + x1) << 3, NATIVE);
            DoubleVector l0r = DoubleVector.fromMemorySegment(S, ls, x0 << 3, NATIVE);
            DoubleVector l0i = DoubleVector.fromMemorySegment(S, ls, (dim + x0) << 3, NATIVE);
            DoubleVector l1r = DoubleVector.fromMemorySegment(S, ls, x1 << 3, NATIVE);
            DoubleVector l1i = DoubleVector.fromMemorySegment(S, ls, (dim + x1) << 3, NATIVE);
            s0p = l0r.fma(a0i, s0p);                  // Im P00 = Σ l0r·a0i − l0i·a0r
            s0m = l0i.fma(a0r, s0m);
            s1p = l1r.fma(a1i, s1p);                  // Im P11
            s1m = l1i.fma(a1r, s1m);
            s2p = l0r.fma(a1r, l0i.fma(a1i, s2p));    // Re P01 − Re P10 = Σ (l0r·a1r + l0i·a1i) − (l1r·a0r + l1i·a0i)
            s2m = l1r.fma(a0r, l1i.fma(a0i, s2m));
            s3p = l0r.fma(a1i, l1r.fma(a0i, s3p));    // Im P01 + Im P10 = Σ (l0r·a1i + l1r·a0i) − (l0i·a1r + l1i·a0r)
            s3m = l0i.fma(a1r, l1i.fma(a0r, s3m));
        }
        s0p.add(DoubleVector.fromArray(S, acc, a)).intoArray(acc, a);
        s0m.add(DoubleVector.fromArray(S, acc, a + L)).intoArray(acc, a + L);
        s1p.add(DoubleVector.fromArray(S, acc, a + 2 * L)).intoArray(acc, a + 2 * L);
        s1m.add(DoubleVector.fromArray(S, acc, a + 3 * L)).intoArray(acc, a + 3 * L);
        s2p.add(DoubleVector.fromArray(S, acc, a + 4 * L)).intoArray(acc, a + 4 * L);
        s2m.add(DoubleVector.fromArray(S, acc, a + 5 * L)).intoArray(acc, a + 5 * L);
        s3p.add(DoubleVector.fromArray(S, acc, a + 6 * L)).intoArray(acc, a + 6 * L);
        s3m.add(DoubleVector.fromArray(S, acc, a + 7 * L)).intoArray(acc, a + 7 * L);
    }

    /**
     * ψ ← Vψ and λ ← Vλ on the pairs of groups [from, to) (as in {@link #pairProducts}); each output
     * component is one multiply and three FMAs (the imaginary parts' signs folded into the broadcast
     * constants). Both states in one method on purpose: the bytecode then exceeds C2's FreqInlineSize
     * and the method is compiled on its own.
     */
    static void pairUpdate(MemorySegment ps, MemorySegment ls, long dim, long base, long lowMask, int gap, int qv, long delta, long from, long to,
                           double u00r, double u00i, double u01r, double u01i, double u10r, double u10i, double u11r, double u11i) {
        DoubleVector m00r = DoubleVector.broadcast(S, u00r), m00i = DoubleVector.broadcast(S, u00i), n00i = DoubleVector.broadcast(S, -u00i);
        DoubleVector m01r = DoubleVector.broadcast(S, u01r), m01i = DoubleVector.broadcast(S, u01i), n01i = DoubleVector.broadcast(S, -u01i);
        DoubleVector m10r = DoubleVector.broadcast(S, u10r), m10i = DoubleVector.broadcast(S, u10i), n10i = DoubleVector.broadcast(S, -u10i);
        DoubleVector m11r = DoubleVector.broadcast(S, u11r), m11i = DoubleVector.broadcast(S, u11i), n11i = DoubleVector.broadcast(S, -u11i);
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long gi = from; gi < to; gi++) {
                long x0 = at(base, lowMask, gap, groupOffset(gi, qv)), x1 = x0 + delta;
                DoubleVector a0r = DoubleVector.fromMemorySegment(S, s, x0 << 3, NATIVE);
                DoubleVector a0i = DoubleVector.fromMemorySegment(S, s, (dim + x0) << 3, NATIVE);
                DoubleVector a1r = DoubleVector.fromMemorySegment(S, s, x1 << 3, NATIVE);
                DoubleVector a1i = DoubleVector.fromMemorySegment(S, s, (dim + x1) << 3, NATIVE);
                a1i.fma(n01i, a1r.fma(m01r, a0i.fma(n00i, a0r.mul(m00r)))).intoMemorySegment(s, x0 << 3, NATIVE);
                a1r.fma(m01i, a1i.fma(m01r, a0r.fma(m00i, a0i.mul(m00r)))).intoMemorySegment(s, (dim + x0) << 3, NATIVE);
                a1i.fma(n11i, a1r.fma(m11r, a0i.fma(n10i, a0r.mul(m10r)))).intoMemorySegment(s, x1 << 3, NATIVE);
                a1r.fma(m11i, a1i.fma(m11r, a0r.fma(m10i, a0i.mul(m10r)))).intoMemorySegment(s, (dim + x1) << 3, NATIVE);
            }
        }
    }

    /**
     * Low target q (lane l's partner is lane l ^ 2^q) on the virtual span [from, to) of a block: with
     * D = conj(λ)ψ and X = conj(λ)·partner(ψ) per lane, the per-lane sums Im D (two accumulators,
     * acc[a + l] − acc[a + L + l]), Re X (acc[a + 2L + l]) and Im X (acc[a + 3L + l] − acc[a + 4L + l]):
     * all that Re Σ G_rc·P_rc needs for an anti-Hermitian G (see {@link #element}).
     */
    static void laneProducts(MemorySegment ps, MemorySegment ls, long dim, long base, long lowMask, int gap, int q, long from, long to, double[] acc, int a) {
        VectorShuffle<Double> partner = PARTNER[q];
        DoubleVector dp = DoubleVector.zero(S);
        DoubleVector dm = DoubleVector.zero(S);
        DoubleVector xr = DoubleVector.zero(S);
        DoubleVector xp = DoubleVector.zero(S);
        DoubleVector xm = DoubleVector.zero(S);
        for (long v = from; v < to; v += L) {
            long x = at(base, lowMask, gap, v);
            DoubleVector ar = DoubleVector.fromMemorySegment(S, ps, x << 3, NATIVE);
            DoubleVector ai = DoubleVector.fromMemorySegment(S, ps, (dim + x) << 3, NATIVE);
            DoubleVector lr = DoubleVector.fromMemorySegment(S, ls, x << 3, NATIVE);
            DoubleVector li = DoubleVector.fromMemorySegment(S, ls, (dim + x) << 3, NATIVE);
            DoubleVector br = ar.rearrange(partner), bi = ai.rearrange(partner);
            dp = lr.fma(ai, dp);
            dm = li.fma(ar, dm);
            xr = lr.fma(br, li.fma(bi, xr));
            xp = lr.fma(bi, xp);
            xm = li.fma(br, xm);
        }
        dp.add(DoubleVector.fromArray(S, acc, a)).intoArray(acc, a);
        dm.add(DoubleVector.fromArray(S, acc, a + L)).intoArray(acc, a + L);
        xr.add(DoubleVector.fromArray(S, acc, a + 2 * L)).intoArray(acc, a + 2 * L);
        xp.add(DoubleVector.fromArray(S, acc, a + 3 * L)).intoArray(acc, a + 3 * L);
        xm.add(DoubleVector.fromArray(S, acc, a + 4 * L)).intoArray(acc, a + 4 * L);
    }

    /** Like {@link #pairUpdate}, for a low target q on the virtual span [from, to) of a block of both states. */
    static void laneUpdate(MemorySegment ps, MemorySegment ls, long dim, long base, long lowMask, int gap, int q, long from, long to, double[] uu, int o) {
        VectorShuffle<Double> partner = PARTNER[q];
        VectorMask<Double> upper = UPPER[q];
        // lane-wise c = (u00 | u11), p = (u01 | u10) by the lane's bit q; nc, np: minus their imaginary parts
        DoubleVector cr = DoubleVector.broadcast(S, uu[o]).blend(DoubleVector.broadcast(S, uu[o + 6]), upper);
        DoubleVector ci = DoubleVector.broadcast(S, uu[o + 1]).blend(DoubleVector.broadcast(S, uu[o + 7]), upper);
        DoubleVector pr = DoubleVector.broadcast(S, uu[o + 2]).blend(DoubleVector.broadcast(S, uu[o + 4]), upper);
        DoubleVector pi = DoubleVector.broadcast(S, uu[o + 3]).blend(DoubleVector.broadcast(S, uu[o + 5]), upper);
        DoubleVector nci = ci.neg(), npi = pi.neg();
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long v = from; v < to; v += L) {
                long x = at(base, lowMask, gap, v);
                DoubleVector ar = DoubleVector.fromMemorySegment(S, s, x << 3, NATIVE);
                DoubleVector ai = DoubleVector.fromMemorySegment(S, s, (dim + x) << 3, NATIVE);
                DoubleVector br = ar.rearrange(partner), bi = ai.rearrange(partner);
                bi.fma(npi, br.fma(pr, ai.fma(nci, ar.mul(cr)))).intoMemorySegment(s, x << 3, NATIVE);
                br.fma(pi, bi.fma(pr, ar.fma(ci, ai.mul(cr)))).intoMemorySegment(s, (dim + x) << 3, NATIVE);
            }
        }
    }

    /**
     * Re Σ G_rc·P_rc = Re⟨λ|G|ψ⟩ for an anti-Hermitian 2×2 matrix G (8 doubles at g[o]; G = −G†, as every
     * W·∂U·U†·W† of a unitary family is) from the accumulators of a one-qubit step on target q (high
     * or low layout, see {@link #pairProducts} and {@link #laneProducts}). With G00 = i·g00,
     * G11 = i·g11 and G01 = α + iβ = −conj(G10) (read as the anti-Hermitian part of g's entries):
     * Re Σ G_rc·P_rc = −g00·Im P00 − g11·Im P11 + α·Re(P01 − P10) − β·Im(P01 + P10).
     */
    static double element(double[] acc, int a, int q, double[] g, int o) {
        double g00 = g[o + 1], g11 = g[o + 7];
        double alpha = 0.5 * (g[o + 2] - g[o + 4]), beta = 0.5 * (g[o + 3] + g[o + 5]);
        if (q >= LOG_L) {
            double im00 = 0, im11 = 0, re01m10 = 0, im01p10 = 0;
            for (int l = 0; l < L; l++) {
                im00 += acc[a + l] - acc[a + L + l];
                im11 += acc[a + 2 * L + l] - acc[a + 3 * L + l];
                re01m10 += acc[a + 4 * L + l] - acc[a + 5 * L + l];
                im01p10 += acc[a + 6 * L + l] - acc[a + 7 * L + l];
            }
            return -g00 * im00 - g11 * im11 + alpha * re01m10 - beta * im01p10;
        }
        int bit = 1 << q;
        double e = 0;
        for (int l = 0; l < L; l++) {
            boolean one = (l & bit) != 0;
            // lane with bit q = 0: D = P00, X = P01; with bit q = 1: D = P11, X = P10 (G10 = −α + iβ)
            double imD = acc[a + l] - acc[a + L + l], reX = acc[a + 2 * L + l], imX = acc[a + 3 * L + l] - acc[a + 4 * L + l];
            e += -(one ? g11 : g00) * imD + (one ? -alpha : alpha) * reX - beta * imX;
        }
        return e;
    }

    /**
     * Multiplies the virtual span [from, to) of a block of both states by a diagonal: the factor of
     * amplitude x is table[3L·p + l] + i·table[3L·p + L + l] for lane l (table[3L·p + 2L + l] holds
     * minus the imaginary part), where p = (x >>> shift) & mask collects the diagonal's qubits at or
     * above log2(lanes) (consecutive qubits; its lower qubits vary across the lanes of each table row).
     */
    static void diagonal(MemorySegment ps, MemorySegment ls, long dim, long base, long lowMask, int gap, long from, long to, int shift, long mask, double[] table) {
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long v = from; v < to; v += L) {
                long x = at(base, lowMask, gap, v);
                int t = (int) ((x >>> shift) & mask) * (3 * L);
                DoubleVector fr = DoubleVector.fromArray(S, table, t);
                DoubleVector fi = DoubleVector.fromArray(S, table, t + L);
                DoubleVector nfi = DoubleVector.fromArray(S, table, t + 2 * L);
                DoubleVector ar = DoubleVector.fromMemorySegment(S, s, x << 3, NATIVE);
                DoubleVector ai = DoubleVector.fromMemorySegment(S, s, (dim + x) << 3, NATIVE);
                ai.fma(nfi, ar.mul(fr)).intoMemorySegment(s, x << 3, NATIVE);
                ar.fma(fi, ai.mul(fr)).intoMemorySegment(s, (dim + x) << 3, NATIVE);
            }
        }
    }

    /** As {@link #diagonal} for a real diagonal (a CZ ladder's ±1): factor table[L·p + l], two multiplies per vector. */
    static void realDiagonal(MemorySegment ps, MemorySegment ls, long dim, long base, long lowMask, int gap, long from, long to, int shift, long mask, double[] table) {
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long v = from; v < to; v += L) {
                long x = at(base, lowMask, gap, v);
                DoubleVector f = DoubleVector.fromArray(S, table, (int) ((x >>> shift) & mask) << LOG_L);
                DoubleVector.fromMemorySegment(S, s, x << 3, NATIVE).mul(f).intoMemorySegment(s, x << 3, NATIVE);
                DoubleVector.fromMemorySegment(S, s, (dim + x) << 3, NATIVE).mul(f).intoMemorySegment(s, (dim + x) << 3, NATIVE);
            }
        }
    }

}
