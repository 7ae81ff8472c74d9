package org.qff.simulator.gradient;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.qff.simulator.StateVector;

/**
 * The fused backward step of adjoint differentiation for a one-qubit gate, as one SIMD sweep over
 * ψ_k and λ_k: it reads both, accumulates e_j = Re⟨λ_k|G_j|ψ_k⟩ for up to three matrices G_j
 * (G_j = ∂_jU·U†, so e_j = Re⟨λ_k|∂_jU|ψ_(k−1)⟩), and writes ψ_(k−1) = U†ψ_k and
 * λ_(k−1) = U†λ_k. Unfused, the same step is two gate sweeps plus one read sweep of two states per
 * argument; fused, the state memory is touched once.
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

    /** Scratch for the lane-pattern coefficients of low targets: one set per thread. */
    private static final ThreadLocal<double[]> LANE_SCRATCH = ThreadLocal.withInitial(() -> new double[4 * 4 * L]);

    /**
     * One fused backward step. {@code uDag} is U† (2×2 interleaved), {@code g} holds {@code count}
     * (1..3) 2×2 matrices G_j back to back (8 doubles each); {@code out[j]} receives Re⟨λ|G_j|ψ⟩.
     */
    static void step1(StateVector psi, StateVector lam, int q, double[] uDag, double[] g, int count, double[] out) {
        long dim = psi.dimension();
        if (dim < 2L * L) {
            scalarStep1(psi, lam, q, uDag, g, count, out);
            return;
        }
        if ((1L << q) >= L) highStep1(psi, lam, q, uDag, g, count, out);
        else lowStep1(psi, lam, q, uDag, g, count, out);
    }

    private static DoubleVector load(MemorySegment m, long index) {
        return DoubleVector.fromMemorySegment(S, m, index * 8, NATIVE);
    }

    private static void store(DoubleVector v, MemorySegment m, long index) {
        v.intoMemorySegment(m, index * 8, NATIVE);
    }

    private static void highStep1(StateVector psi, StateVector lam, int q, double[] u, double[] g, int count, double[] out) {
        long dim = psi.dimension(), bit = 1L << q;
        MemorySegment ps = psi.segment(), ls = lam.segment();
        double u00r = u[0], u00i = u[1], u01r = u[2], u01i = u[3], u10r = u[4], u10i = u[5], u11r = u[6], u11i = u[7];
        DoubleVector acc0 = DoubleVector.zero(S), acc1 = DoubleVector.zero(S), acc2 = DoubleVector.zero(S);
        for (long base = 0; base < dim; base += 2 * bit) {
            for (long i0 = base; i0 < base + bit; i0 += L) {
                long i1 = i0 + bit;
                DoubleVector a0r = load(ps, i0), a0i = load(ps, dim + i0), a1r = load(ps, i1), a1i = load(ps, dim + i1);
                DoubleVector l0r = load(ls, i0), l0i = load(ls, dim + i0), l1r = load(ls, i1), l1i = load(ls, dim + i1);
                acc0 = element(g, 0, a0r, a0i, a1r, a1i, l0r, l0i, l1r, l1i, acc0);
                if (count > 1) acc1 = element(g, 8, a0r, a0i, a1r, a1i, l0r, l0i, l1r, l1i, acc1);
                if (count > 2) acc2 = element(g, 16, a0r, a0i, a1r, a1i, l0r, l0i, l1r, l1i, acc2);
                // ψ ← U†ψ
                store(a0r.mul(u00r).sub(a0i.mul(u00i)).add(a1r.mul(u01r)).sub(a1i.mul(u01i)), ps, i0);
                store(a0i.mul(u00r).add(a0r.mul(u00i)).add(a1i.mul(u01r)).add(a1r.mul(u01i)), ps, dim + i0);
                store(a0r.mul(u10r).sub(a0i.mul(u10i)).add(a1r.mul(u11r)).sub(a1i.mul(u11i)), ps, i1);
                store(a0i.mul(u10r).add(a0r.mul(u10i)).add(a1i.mul(u11r)).add(a1r.mul(u11i)), ps, dim + i1);
                // λ ← U†λ
                store(l0r.mul(u00r).sub(l0i.mul(u00i)).add(l1r.mul(u01r)).sub(l1i.mul(u01i)), ls, i0);
                store(l0i.mul(u00r).add(l0r.mul(u00i)).add(l1i.mul(u01r)).add(l1r.mul(u01i)), ls, dim + i0);
                store(l0r.mul(u10r).sub(l0i.mul(u10i)).add(l1r.mul(u11r)).sub(l1i.mul(u11i)), ls, i1);
                store(l0i.mul(u10r).add(l0r.mul(u10i)).add(l1i.mul(u11r)).add(l1r.mul(u11i)), ls, dim + i1);
            }
        }
        out[0] = acc0.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        if (count > 1) out[1] = acc1.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        if (count > 2) out[2] = acc2.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** acc += Re(conj(l0)(G00 a0 + G01 a1) + conj(l1)(G10 a0 + G11 a1)) lane-wise. */
    private static DoubleVector element(double[] g, int o, DoubleVector a0r, DoubleVector a0i, DoubleVector a1r, DoubleVector a1i,
                                        DoubleVector l0r, DoubleVector l0i, DoubleVector l1r, DoubleVector l1i, DoubleVector acc) {
        double g00r = g[o], g00i = g[o + 1], g01r = g[o + 2], g01i = g[o + 3], g10r = g[o + 4], g10i = g[o + 5], g11r = g[o + 6], g11i = g[o + 7];
        DoubleVector z0r = a0r.mul(g00r).sub(a0i.mul(g00i)).add(a1r.mul(g01r)).sub(a1i.mul(g01i));
        DoubleVector z0i = a0i.mul(g00r).add(a0r.mul(g00i)).add(a1i.mul(g01r)).add(a1r.mul(g01i));
        DoubleVector z1r = a0r.mul(g10r).sub(a0i.mul(g10i)).add(a1r.mul(g11r)).sub(a1i.mul(g11i));
        DoubleVector z1i = a0i.mul(g10r).add(a0r.mul(g10i)).add(a1i.mul(g11r)).add(a1r.mul(g11i));
        acc = l0r.fma(z0r, acc);
        acc = l0i.fma(z0i, acc);
        acc = l1r.fma(z1r, acc);
        return l1i.fma(z1i, acc);
    }

    /**
     * Low target: lane i holds amplitude i and its partner is lane i ^ bit. Lane-wise, the new value
     * is c·v + p·partner(v) with c = (m00 | m11) and p = (m01 | m10) chosen by the lane's bit.
     */
    private static void lowStep1(StateVector psi, StateVector lam, int q, double[] u, double[] g, int count, double[] out) {
        long dim = psi.dimension();
        int bit = 1 << q;
        double[] lane = LANE_SCRATCH.get();
        // rows of lane coefficients: [matrix m][cr, ci, pr, pi] × L; m = 0 is U†, m = 1..3 are G_j
        for (int m = 0; m <= count; m++) {
            double[] src = m == 0 ? u : g;
            int o = m == 0 ? 0 : 8 * (m - 1);
            for (int i = 0; i < L; i++) {
                boolean one = (i & bit) != 0;
                int diag = one ? 6 : 0, off = one ? 4 : 2;
                lane[(4 * m) * L + i] = src[o + diag];
                lane[(4 * m + 1) * L + i] = src[o + diag + 1];
                lane[(4 * m + 2) * L + i] = src[o + off];
                lane[(4 * m + 3) * L + i] = src[o + off + 1];
            }
        }
        VectorShuffle<Double> partner = PARTNER[q];
        DoubleVector cr = DoubleVector.fromArray(S, lane, 0), ci = DoubleVector.fromArray(S, lane, L);
        DoubleVector pr = DoubleVector.fromArray(S, lane, 2 * L), pi = DoubleVector.fromArray(S, lane, 3 * L);
        MemorySegment ps = psi.segment(), ls = lam.segment();
        DoubleVector acc0 = DoubleVector.zero(S), acc1 = DoubleVector.zero(S), acc2 = DoubleVector.zero(S);
        for (long i = 0; i < dim; i += L) {
            DoubleVector ar = load(ps, i), ai = load(ps, dim + i), lr = load(ls, i), li = load(ls, dim + i);
            DoubleVector br = ar.rearrange(partner), bi = ai.rearrange(partner);
            acc0 = lowElement(lane, 1, ar, ai, br, bi, lr, li, acc0);
            if (count > 1) acc1 = lowElement(lane, 2, ar, ai, br, bi, lr, li, acc1);
            if (count > 2) acc2 = lowElement(lane, 3, ar, ai, br, bi, lr, li, acc2);
            store(cr.mul(ar).sub(ci.mul(ai)).add(pr.mul(br)).sub(pi.mul(bi)), ps, i);
            store(cr.mul(ai).add(ci.mul(ar)).add(pr.mul(bi)).add(pi.mul(br)), ps, dim + i);
            DoubleVector mr = lr.rearrange(partner), mi = li.rearrange(partner);
            store(cr.mul(lr).sub(ci.mul(li)).add(pr.mul(mr)).sub(pi.mul(mi)), ls, i);
            store(cr.mul(li).add(ci.mul(lr)).add(pr.mul(mi)).add(pi.mul(mr)), ls, dim + i);
        }
        out[0] = acc0.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        if (count > 1) out[1] = acc1.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        if (count > 2) out[2] = acc2.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    private static DoubleVector lowElement(double[] lane, int m, DoubleVector ar, DoubleVector ai, DoubleVector br, DoubleVector bi,
                                           DoubleVector lr, DoubleVector li, DoubleVector acc) {
        DoubleVector cr = DoubleVector.fromArray(S, lane, (4 * m) * L), ci = DoubleVector.fromArray(S, lane, (4 * m + 1) * L);
        DoubleVector pr = DoubleVector.fromArray(S, lane, (4 * m + 2) * L), pi = DoubleVector.fromArray(S, lane, (4 * m + 3) * L);
        DoubleVector zr = cr.mul(ar).sub(ci.mul(ai)).add(pr.mul(br)).sub(pi.mul(bi));
        DoubleVector zi = cr.mul(ai).add(ci.mul(ar)).add(pr.mul(bi)).add(pi.mul(br));
        acc = lr.fma(zr, acc);
        return li.fma(zi, acc);
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
