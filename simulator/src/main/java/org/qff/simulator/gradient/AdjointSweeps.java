package org.qff.simulator.gradient;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.qff.simulator.StateVector;

/**
 * The backward step of adjoint differentiation for a one-qubit gate: it reads ψ_k and λ_k,
 * accumulates e_j = Re⟨λ_k|G_j|ψ_k⟩ for up to three matrices G_j (G_j = ∂_jU·U†, so
 * e_j = Re⟨λ_k|∂_jU|ψ_(k−1)⟩), and writes ψ_(k−1) = U†ψ_k and λ_(k−1) = U†λ_k. It works block by
 * block (short sub-sweeps over a cache-sized block), so memory traffic is that of one fused
 * sweep. One loop doing everything would be simpler, but then C2 runs out of its inlining node
 * budget (NodeCountInliningCutoff) inside the Vector API calls, which stop being intrinsified, and
 * every vector is boxed (measured ~10× slower, megabytes allocated per step). So each sub-sweep is
 * a method that passes only primitives and is big enough (bytecode above FreqInlineSize) to be
 * compiled on its own; the harness in the tests' benchmark checks it allocates nothing.
 *
 * <p>This class is a kernel in the sense of {@link org.qff.simulator.GateKernels}: it reads the
 * {@link StateVector} split layout (2^n real parts, then 2^n imaginary parts) directly.
 * Targets below log2(lanes) pair amplitudes inside one vector, handled by a lane shuffle.
 */
final class AdjointSweeps {
    private AdjointSweeps() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Double>[] PARTNER = new VectorShuffle[Integer.numberOfTrailingZeros(L)];
    static {
        for (int q = 0; q < PARTNER.length; q++) {
            int bit = 1 << q;
            PARTNER[q] = VectorShuffle.fromOp(S, i -> i ^ bit);
        }
    }

    /** Lanes whose index has bit q set. */
    @SuppressWarnings("unchecked")
    private static final VectorMask<Double>[] UPPER = new VectorMask[Integer.numberOfTrailingZeros(L)];
    static {
        for (int q = 0; q < UPPER.length; q++) {
            boolean[] m = new boolean[L];
            for (int i = 0; i < L; i++) m[i] = (i & (1 << q)) != 0;
            UPPER[q] = VectorMask.fromArray(S, m, 0);
        }
    }

    /** Per-thread accumulators (outer products, or per-lane sums for low targets). */
    private static final ThreadLocal<double[]> LANE_SCRATCH = ThreadLocal.withInitial(() -> new double[Math.max(8, 4 * L)]);

    /** Groups per cache block: 128 groups of 2·L amplitudes of two states stay in L1/L2 between the sub-sweeps. */
    private static final int BLOCK = 128;

    private static final int ACC = Math.max(8, 4 * L);

    /**
     * One backward step for a one-qubit operator V = U† (or a product of several gates' U† on this
     * qubit): out[j] = Re⟨λ|G_j|ψ⟩ for the {@code count} 2×2 matrices in {@code g} (8 doubles each,
     * any number: they all come from the same four outer products), then ψ ← Vψ and λ ← Vλ.
     */
    static void step1(StateVector psi, StateVector lam, int q, double[] v, double[] g, int count, double[] out) {
        long dim = psi.dimension();
        if (dim < 2L * L) {
            scalarStep1(psi, lam, q, v, g, count, out);
            return;
        }
        double[] acc = LANE_SCRATCH.get();
        java.util.Arrays.fill(acc, 0, ACC, 0);
        MemorySegment ps = psi.segment(), ls = lam.segment();
        boolean high = (1L << q) >= L;
        long groups = high ? dim / (2L * L) : dim / L;
        for (long from = 0; from < groups; from += BLOCK) {
            long to = Math.min(groups, from + BLOCK);
            if (high) {
                if (count > 0) outerProductsHigh(ps, ls, dim, q, from, to, acc, 0);
                updateHigh(ps, ls, dim, q, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], from, to);
            } else {
                if (count > 0) laneProductsLow(ps, ls, dim, q, from, to, acc, 0);
                updateLow(ps, ls, dim, q, v, 0, from, to);
            }
        }
        int bit = 1 << q;
        for (int j = 0; j < count; j++) {
            int o = 8 * j;
            double e = 0;
            if (high) {
                for (int rc = 0; rc < 4; rc++) e += g[o + 2 * rc] * acc[2 * rc] - g[o + 2 * rc + 1] * acc[2 * rc + 1];
            } else {
                for (int l = 0; l < L; l++) {
                    boolean one = (l & bit) != 0;
                    int diag = o + (one ? 6 : 0), off = o + (one ? 4 : 2);
                    // Re(c·D + p·X) per lane, c the diagonal and p the off-diagonal entry of the lane's row
                    e += g[diag] * acc[l] - g[diag + 1] * acc[L + l] + g[off] * acc[2 * L + l] - g[off + 1] * acc[3 * L + l];
                }
            }
            out[j] = e;
        }
    }

    /** Index of the first amplitude of high-target group gi (L consecutive pairs with bit q clear). */
    private static long groupStart(long gi, int q) {
        long p = gi << LOG_L, low = (1L << q) - 1;
        return ((p & ~low) << 1) | (p & low);
    }

    private static final int LOG_L = Integer.numberOfTrailingZeros(L);

    /** acc[2rc], acc[2rc+1] += Re, Im of Σ conj(λ_r)ψ_c over groups [from, to). */
    private static void outerProductsHigh(MemorySegment ps, MemorySegment ls, long dim, int q, long from, long to, double[] acc, int a) {
        long bit = 1L << q;
        DoubleVector p00r = DoubleVector.zero(S), p00i = DoubleVector.zero(S), p01r = DoubleVector.zero(S), p01i = DoubleVector.zero(S);
        DoubleVector p10r = DoubleVector.zero(S), p10i = DoubleVector.zero(S), p11r = DoubleVector.zero(S), p11i = DoubleVector.zero(S);
        for (long gi = from; gi < to; gi++) {
            long i0 = groupStart(gi, q), i1 = i0 + bit;
            DoubleVector a0r = load(ps, i0), a0i = load(ps, dim + i0), a1r = load(ps, i1), a1i = load(ps, dim + i1);
            DoubleVector l0r = load(ls, i0), l0i = load(ls, dim + i0), l1r = load(ls, i1), l1i = load(ls, dim + i1);
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
     * ψ ← U†ψ and λ ← U†λ over groups [from, to): two loops in one method on purpose, so the
     * bytecode exceeds C2's FreqInlineSize and the method is compiled on its own (see the class note).
     */
    private static void updateHigh(MemorySegment ps, MemorySegment ls, long dim, int q, double u00r, double u00i, double u01r, double u01i,
                                   double u10r, double u10i, double u11r, double u11i, long from, long to) {
        long bit = 1L << q;
        DoubleVector m00r = DoubleVector.broadcast(S, u00r), m00i = DoubleVector.broadcast(S, u00i);
        DoubleVector m01r = DoubleVector.broadcast(S, u01r), m01i = DoubleVector.broadcast(S, u01i);
        DoubleVector m10r = DoubleVector.broadcast(S, u10r), m10i = DoubleVector.broadcast(S, u10i);
        DoubleVector m11r = DoubleVector.broadcast(S, u11r), m11i = DoubleVector.broadcast(S, u11i);
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long gi = from; gi < to; gi++) {
                long i0 = groupStart(gi, q), i1 = i0 + bit;
                DoubleVector a0r = load(s, i0), a0i = load(s, dim + i0), a1r = load(s, i1), a1i = load(s, dim + i1);
                store(m00r.fma(a0r, m01r.mul(a1r)).sub(m00i.fma(a0i, m01i.mul(a1i))), s, i0);
                store(m00r.fma(a0i, m01r.mul(a1i)).add(m00i.fma(a0r, m01i.mul(a1r))), s, dim + i0);
                store(m10r.fma(a0r, m11r.mul(a1r)).sub(m10i.fma(a0i, m11i.mul(a1i))), s, i1);
                store(m10r.fma(a0i, m11r.mul(a1i)).add(m10i.fma(a0r, m11i.mul(a1r))), s, dim + i1);
            }
        }
    }

    /**
     * Low target (lane i's partner is lane i ^ 2^q): per-lane sums acc[l] + i·acc[L + l] of
     * conj(λ)ψ and acc[2L + l] + i·acc[3L + l] of conj(λ)·partner(ψ).
     */
    private static void laneProductsLow(MemorySegment ps, MemorySegment ls, long dim, int q, long from, long to, double[] acc, int a) {
        VectorShuffle<Double> partner = PARTNER[q];
        DoubleVector dr = DoubleVector.zero(S), di = DoubleVector.zero(S), xr = DoubleVector.zero(S), xi = DoubleVector.zero(S);
        for (long gi = from; gi < to; gi++) {
            long i = gi << LOG_L;
            DoubleVector ar = load(ps, i), ai = load(ps, dim + i), lr = load(ls, i), li = load(ls, dim + i);
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

    /** Like {@link #updateHigh}, for a low target: both states in one method, compiled on its own. */
    private static void updateLow(MemorySegment ps, MemorySegment ls, long dim, int q, double[] uu, int o, long from, long to) {
        int bit = 1 << q;
        VectorShuffle<Double> partner = PARTNER[q];
        VectorMask<Double> upper = UPPER[q];
        // lane-wise c = (u00 | u11), p = (u01 | u10) by the lane's bit q
        DoubleVector cr = DoubleVector.broadcast(S, uu[o]).blend(DoubleVector.broadcast(S, uu[o + 6]), upper);
        DoubleVector ci = DoubleVector.broadcast(S, uu[o + 1]).blend(DoubleVector.broadcast(S, uu[o + 7]), upper);
        DoubleVector pr = DoubleVector.broadcast(S, uu[o + 2]).blend(DoubleVector.broadcast(S, uu[o + 4]), upper);
        DoubleVector pi = DoubleVector.broadcast(S, uu[o + 3]).blend(DoubleVector.broadcast(S, uu[o + 5]), upper);
        for (int which = 0; which < 2; which++) {
            MemorySegment s = which == 0 ? ps : ls;
            for (long gi = from; gi < to; gi++) {
                long i = gi << LOG_L;
                DoubleVector ar = load(s, i), ai = load(s, dim + i);
                DoubleVector br = ar.rearrange(partner), bi = ai.rearrange(partner);
                store(cr.fma(ar, pr.mul(br)).sub(ci.fma(ai, pi.mul(bi))), s, i);
                store(cr.fma(ai, pr.mul(bi)).add(ci.fma(ar, pi.mul(br))), s, dim + i);
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

    /** Reference path for states smaller than two vectors. */
    private static void scalarStep1(StateVector psi, StateVector lam, int q, double[] u, double[] g, int count, double[] out) {
        int[] qs = {q};
        for (int j = 0; j < count; j++) {
            double[] gj = new double[8];
            System.arraycopy(g, 8 * j, gj, 0, 8);
            out[j] = StateOps.matrixElementRe(lam, qs, gj, psi);
        }
        applyScalar(psi, q, u);
        applyScalar(lam, q, u);
    }

    private static void applyScalar(StateVector s, int q, double[] u) {
        long bit = 1L << q;
        for (long j = 0; j < s.dimension() / 2; j++) {
            long i0 = StateOps.insertZero(j, q), i1 = i0 | bit;
            double ar = s.re(i0), ai = s.im(i0), br = s.re(i1), bi = s.im(i1);
            s.set(i0, u[0] * ar - u[1] * ai + u[2] * br - u[3] * bi, u[0] * ai + u[1] * ar + u[2] * bi + u[3] * br);
            s.set(i1, u[4] * ar - u[5] * ai + u[6] * br - u[7] * bi, u[4] * ai + u[5] * ar + u[6] * bi + u[7] * br);
        }
    }
}
