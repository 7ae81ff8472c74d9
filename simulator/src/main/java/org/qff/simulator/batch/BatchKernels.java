package org.qff.simulator.batch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.qff.simulator.observable.PauliString;
import org.qff.simulator.observable.PauliSum;

/**
 * Gate kernels for {@link BatchState}: every member has its own matrix, stored structure-of-arrays
 * as {@code m[(2·(r·dim + c) + part)·width + b]} (part 0 = re, 1 = im), so one vector instruction
 * updates the same amplitude of {@link #LANES} members. Matrices may be non-unitary (derivatives).
 */
final class BatchKernels {
    private BatchKernels() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = S.length();

    static int insertZero(int j, int q) {
        return ((j >>> q) << (q + 1)) | (j & ((1 << q) - 1));
    }

    /** Applies per-member matrices on the given qubits (k = qubits.length). */
    static void apply(BatchState s, int[] q, double[] m) {
        switch (q.length) {
            case 1 -> apply1(s, q[0], m);
            case 2 -> apply2(s, q[0], q[1], m);
            default -> applyK(s, q, m);
        }
    }

    static void apply1(BatchState s, int q, double[] m) {
        int w = s.width, count = s.dimension >> 1, bit = 1 << q;
        double[] re = s.re, im = s.im;
        for (int v = 0; v < w; v += LANES) {
            DoubleVector m00r = DoubleVector.fromArray(S, m, v), m00i = DoubleVector.fromArray(S, m, w + v);
            DoubleVector m01r = DoubleVector.fromArray(S, m, 2 * w + v), m01i = DoubleVector.fromArray(S, m, 3 * w + v);
            DoubleVector m10r = DoubleVector.fromArray(S, m, 4 * w + v), m10i = DoubleVector.fromArray(S, m, 5 * w + v);
            DoubleVector m11r = DoubleVector.fromArray(S, m, 6 * w + v), m11i = DoubleVector.fromArray(S, m, 7 * w + v);
            for (int j = 0; j < count; j++) {
                int i0 = insertZero(j, q), o0 = i0 * w + v, o1 = (i0 | bit) * w + v;
                DoubleVector ar = DoubleVector.fromArray(S, re, o0), ai = DoubleVector.fromArray(S, im, o0);
                DoubleVector br = DoubleVector.fromArray(S, re, o1), bi = DoubleVector.fromArray(S, im, o1);
                DoubleVector r0 = m00r.fma(ar, m01r.mul(br)).sub(m00i.fma(ai, m01i.mul(bi)));
                DoubleVector i0v = m00r.fma(ai, m01r.mul(bi)).add(m00i.fma(ar, m01i.mul(br)));
                DoubleVector r1 = m10r.fma(ar, m11r.mul(br)).sub(m10i.fma(ai, m11i.mul(bi)));
                DoubleVector i1v = m10r.fma(ai, m11r.mul(bi)).add(m10i.fma(ar, m11i.mul(br)));
                r0.intoArray(re, o0);
                i0v.intoArray(im, o0);
                r1.intoArray(re, o1);
                i1v.intoArray(im, o1);
            }
        }
    }

    /**
     * Two-qubit per-member matrices. Written as loops over rows and columns with each output row
     * staged in {@code scratch} (8·LANES doubles): a fully unrolled body with helper methods taking
     * vectors exceeds C2's inlining budget, and every vector is then boxed (measured: tens of MB
     * allocated per batch). Short loops with no vector crossing a call stay in registers.
     */
    static void apply2(BatchState s, int q0, int q1, double[] m) {
        int w = s.width, count = s.dimension >> 2;
        int lo = Math.min(q0, q1), hi = Math.max(q0, q1);
        int b0 = 1 << q0, b1 = 1 << q1;
        double[] re = s.re, im = s.im;
        double[] scratch = SCRATCH.get();
        int[] off = OFFSETS.get();
        for (int j = 0; j < count; j++) {
            int base = insertZero(insertZero(j, lo), hi);
            off[0] = base * w;
            off[1] = (base | b0) * w;
            off[2] = (base | b1) * w;
            off[3] = (base | b0 | b1) * w;
            for (int v = 0; v < w; v += LANES) {
                for (int r = 0; r < 4; r++) {
                    DoubleVector pr = DoubleVector.zero(S), pi = DoubleVector.zero(S);
                    for (int c = 0; c < 4; c++) {
                        int e = 2 * (r * 4 + c);
                        DoubleVector ar = DoubleVector.fromArray(S, m, e * w + v), ai = DoubleVector.fromArray(S, m, (e + 1) * w + v);
                        DoubleVector xr = DoubleVector.fromArray(S, re, off[c] + v), xi = DoubleVector.fromArray(S, im, off[c] + v);
                        pr = ar.fma(xr, pr).sub(ai.mul(xi));
                        pi = ar.fma(xi, pi).add(ai.mul(xr));
                    }
                    pr.intoArray(scratch, 2 * r * LANES);
                    pi.intoArray(scratch, (2 * r + 1) * LANES);
                }
                for (int r = 0; r < 4; r++) {
                    DoubleVector.fromArray(S, scratch, 2 * r * LANES).intoArray(re, off[r] + v);
                    DoubleVector.fromArray(S, scratch, (2 * r + 1) * LANES).intoArray(im, off[r] + v);
                }
            }
        }
    }

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[8 * LANES]);
    private static final ThreadLocal<int[]> OFFSETS = ThreadLocal.withInitial(() -> new int[4]);

    private static final ThreadLocal<int[]> K_INTS = ThreadLocal.withInitial(() -> new int[5 + 32]);
    private static final ThreadLocal<double[]> K_AMPS = ThreadLocal.withInitial(() -> new double[64]);

    /** Any k ≤ 5, scalar over members: for the rare gates on three or more qubits (per-thread scratch, no allocation). */
    static void applyK(BatchState s, int[] q, double[] m) {
        int k = q.length, dim = 1 << k, w = s.width, count = s.dimension >> k;
        int[] ints = K_INTS.get();
        // ints[0..k) = sorted qubits, ints[5..5+dim) = offsets
        System.arraycopy(q, 0, ints, 0, k);
        java.util.Arrays.sort(ints, 0, k);
        for (int l = 0; l < dim; l++) {
            int o = 0;
            for (int j = 0; j < k; j++) if (((l >> j) & 1) != 0) o |= 1 << q[j];
            ints[5 + l] = o;
        }
        double[] amps = K_AMPS.get();
        for (int j = 0; j < count; j++) {
            int base = j;
            for (int t = 0; t < k; t++) base = insertZero(base, ints[t]);
            for (int b = 0; b < w; b++) {
                for (int c = 0; c < dim; c++) {
                    amps[c] = s.re[(base | ints[5 + c]) * w + b];
                    amps[32 + c] = s.im[(base | ints[5 + c]) * w + b];
                }
                for (int r = 0; r < dim; r++) {
                    double ar = 0, ai = 0;
                    for (int c = 0; c < dim; c++) {
                        double mr = m[(2 * (r * dim + c)) * w + b], mi = m[(2 * (r * dim + c) + 1) * w + b];
                        ar += mr * amps[c] - mi * amps[32 + c];
                        ai += mr * amps[32 + c] + mi * amps[c];
                    }
                    s.re[(base | ints[5 + r]) * w + b] = ar;
                    s.im[(base | ints[5 + r]) * w + b] = ai;
                }
            }
        }
    }

    /** out[b] += Re⟨bra_b|M_b|ket_b⟩ for per-member matrices on 1 or 2 qubits. */
    static void matrixElementRe(BatchState bra, int[] q, double[] m, BatchState ket, double[] out) {
        int w = bra.width;
        if (q.length == 1) {
            int count = bra.dimension >> 1, bit = 1 << q[0];
            for (int v = 0; v < w; v += LANES) {
                DoubleVector m00r = DoubleVector.fromArray(S, m, v), m00i = DoubleVector.fromArray(S, m, w + v);
                DoubleVector m01r = DoubleVector.fromArray(S, m, 2 * w + v), m01i = DoubleVector.fromArray(S, m, 3 * w + v);
                DoubleVector m10r = DoubleVector.fromArray(S, m, 4 * w + v), m10i = DoubleVector.fromArray(S, m, 5 * w + v);
                DoubleVector m11r = DoubleVector.fromArray(S, m, 6 * w + v), m11i = DoubleVector.fromArray(S, m, 7 * w + v);
                DoubleVector acc = DoubleVector.zero(S);
                for (int j = 0; j < count; j++) {
                    int i0 = insertZero(j, q[0]), o0 = i0 * w + v, o1 = (i0 | bit) * w + v;
                    DoubleVector ar = DoubleVector.fromArray(S, ket.re, o0), ai = DoubleVector.fromArray(S, ket.im, o0);
                    DoubleVector br = DoubleVector.fromArray(S, ket.re, o1), bi = DoubleVector.fromArray(S, ket.im, o1);
                    DoubleVector r0 = m00r.fma(ar, m01r.mul(br)).sub(m00i.fma(ai, m01i.mul(bi)));
                    DoubleVector i0v = m00r.fma(ai, m01r.mul(bi)).add(m00i.fma(ar, m01i.mul(br)));
                    DoubleVector r1 = m10r.fma(ar, m11r.mul(br)).sub(m10i.fma(ai, m11i.mul(bi)));
                    DoubleVector i1v = m10r.fma(ai, m11r.mul(bi)).add(m10i.fma(ar, m11i.mul(br)));
                    acc = DoubleVector.fromArray(S, bra.re, o0).fma(r0, acc);
                    acc = DoubleVector.fromArray(S, bra.im, o0).fma(i0v, acc);
                    acc = DoubleVector.fromArray(S, bra.re, o1).fma(r1, acc);
                    acc = DoubleVector.fromArray(S, bra.im, o1).fma(i1v, acc);
                }
                acc.add(DoubleVector.fromArray(S, out, v)).intoArray(out, v);
            }
            return;
        }
        // 2 qubits: loops over rows and columns (see apply2 for why nothing is unrolled)
        int count = bra.dimension >> 2;
        int lo = Math.min(q[0], q[1]), hi = Math.max(q[0], q[1]);
        int b0 = 1 << q[0], b1 = 1 << q[1];
        int[] off = OFFSETS.get();
        for (int v = 0; v < w; v += LANES) {
            DoubleVector acc = DoubleVector.zero(S);
            for (int j = 0; j < count; j++) {
                int base = insertZero(insertZero(j, lo), hi);
                off[0] = base * w;
                off[1] = (base | b0) * w;
                off[2] = (base | b1) * w;
                off[3] = (base | b0 | b1) * w;
                for (int r = 0; r < 4; r++) {
                    DoubleVector pr = DoubleVector.zero(S), pi = DoubleVector.zero(S);
                    for (int c = 0; c < 4; c++) {
                        int e = 2 * (r * 4 + c);
                        DoubleVector ar = DoubleVector.fromArray(S, m, e * w + v), ai = DoubleVector.fromArray(S, m, (e + 1) * w + v);
                        DoubleVector xr = DoubleVector.fromArray(S, ket.re, off[c] + v), xi = DoubleVector.fromArray(S, ket.im, off[c] + v);
                        pr = ar.fma(xr, pr).sub(ai.mul(xi));
                        pi = ar.fma(xi, pi).add(ai.mul(xr));
                    }
                    acc = DoubleVector.fromArray(S, bra.re, off[r] + v).fma(pr, acc);
                    acc = DoubleVector.fromArray(S, bra.im, off[r] + v).fma(pi, acc);
                }
            }
            acc.add(DoubleVector.fromArray(S, out, v)).intoArray(out, v);
        }
    }

    /**
     * The first-order backward step of a one-qubit gate in one sweep: ψ ← Vψ (V = U† per member, SoA
     * as in {@link #apply1}), then acc[(2·(r·2 + c) + part)·width + b] += the outer products
     * Σ conj(λ_r)·ψ_c of λ and the new ψ over the pairs (part 0 = re, 1 = im): from these every
     * element Re⟨λ|D|ψ⟩ = Σ_rc Re(D_rc·P_rc) follows for any number of matrices D; then λ ← Vλ. Same arithmetic as the three separate sweeps, one read
     * and write of each state instead of two reads of ψ and λ more.
     */
    static void backward1(BatchState psi, BatchState lam, int q, double[] m, double[] acc) {
        int w = psi.width;
        for (int v = 0; v < w; v += LANES) backward1Lanes(psi, lam, q, m, acc, v);
    }

    /** {@link #backward1} for the members in lanes [v, v + LANES): one method per lane group keeps the vectors in registers. */
    private static void backward1Lanes(BatchState psi, BatchState lam, int q, double[] m, double[] acc, int v) {
        int w = psi.width, count = psi.dimension >> 1, bit = 1 << q;
        double[] pre = psi.re, pim = psi.im, lre = lam.re, lim = lam.im;
        DoubleVector m00r = DoubleVector.fromArray(S, m, v), m00i = DoubleVector.fromArray(S, m, w + v);
        DoubleVector m01r = DoubleVector.fromArray(S, m, 2 * w + v), m01i = DoubleVector.fromArray(S, m, 3 * w + v);
        DoubleVector m10r = DoubleVector.fromArray(S, m, 4 * w + v), m10i = DoubleVector.fromArray(S, m, 5 * w + v);
        DoubleVector m11r = DoubleVector.fromArray(S, m, 6 * w + v), m11i = DoubleVector.fromArray(S, m, 7 * w + v);
        DoubleVector p00r = DoubleVector.zero(S), p00i = DoubleVector.zero(S), p01r = DoubleVector.zero(S), p01i = DoubleVector.zero(S);
        DoubleVector p10r = DoubleVector.zero(S), p10i = DoubleVector.zero(S), p11r = DoubleVector.zero(S), p11i = DoubleVector.zero(S);
        for (int j = 0; j < count; j++) {
            int i0 = insertZero(j, q), o0 = i0 * w + v, o1 = (i0 | bit) * w + v;
            DoubleVector ar = DoubleVector.fromArray(S, pre, o0), ai = DoubleVector.fromArray(S, pim, o0);
            DoubleVector br = DoubleVector.fromArray(S, pre, o1), bi = DoubleVector.fromArray(S, pim, o1);
            DoubleVector a0r = m00r.fma(ar, m01r.mul(br)).sub(m00i.fma(ai, m01i.mul(bi)));
            DoubleVector a0i = m00r.fma(ai, m01r.mul(bi)).add(m00i.fma(ar, m01i.mul(br)));
            DoubleVector a1r = m10r.fma(ar, m11r.mul(br)).sub(m10i.fma(ai, m11i.mul(bi)));
            DoubleVector a1i = m10r.fma(ai, m11r.mul(bi)).add(m10i.fma(ar, m11i.mul(br)));
            a0r.intoArray(pre, o0);
            a0i.intoArray(pim, o0);
            a1r.intoArray(pre, o1);
            a1i.intoArray(pim, o1);
            DoubleVector l0r = DoubleVector.fromArray(S, lre, o0), l0i = DoubleVector.fromArray(S, lim, o0);
            DoubleVector l1r = DoubleVector.fromArray(S, lre, o1), l1i = DoubleVector.fromArray(S, lim, o1);
            p00r = l0r.fma(a0r, l0i.fma(a0i, p00r));
            p00i = l0r.fma(a0i, p00i).sub(l0i.mul(a0r));
            p01r = l0r.fma(a1r, l0i.fma(a1i, p01r));
            p01i = l0r.fma(a1i, p01i).sub(l0i.mul(a1r));
            p10r = l1r.fma(a0r, l1i.fma(a0i, p10r));
            p10i = l1r.fma(a0i, p10i).sub(l1i.mul(a0r));
            p11r = l1r.fma(a1r, l1i.fma(a1i, p11r));
            p11i = l1r.fma(a1i, p11i).sub(l1i.mul(a1r));
            m00r.fma(l0r, m01r.mul(l1r)).sub(m00i.fma(l0i, m01i.mul(l1i))).intoArray(lre, o0);
            m00r.fma(l0i, m01r.mul(l1i)).add(m00i.fma(l0r, m01i.mul(l1r))).intoArray(lim, o0);
            m10r.fma(l0r, m11r.mul(l1r)).sub(m10i.fma(l0i, m11i.mul(l1i))).intoArray(lre, o1);
            m10r.fma(l0i, m11r.mul(l1i)).add(m10i.fma(l0r, m11i.mul(l1r))).intoArray(lim, o1);
        }
        p00r.add(DoubleVector.fromArray(S, acc, v)).intoArray(acc, v);
        p00i.add(DoubleVector.fromArray(S, acc, w + v)).intoArray(acc, w + v);
        p01r.add(DoubleVector.fromArray(S, acc, 2 * w + v)).intoArray(acc, 2 * w + v);
        p01i.add(DoubleVector.fromArray(S, acc, 3 * w + v)).intoArray(acc, 3 * w + v);
        p10r.add(DoubleVector.fromArray(S, acc, 4 * w + v)).intoArray(acc, 4 * w + v);
        p10i.add(DoubleVector.fromArray(S, acc, 5 * w + v)).intoArray(acc, 5 * w + v);
        p11r.add(DoubleVector.fromArray(S, acc, 6 * w + v)).intoArray(acc, 6 * w + v);
        p11i.add(DoubleVector.fromArray(S, acc, 7 * w + v)).intoArray(acc, 7 * w + v);
    }

    /**
     * s ← (α·I + β·SWAP)s on (q0, q1) with per-member complex α, β at
     * {@code ab[0·w..], ab[1·w..]} (α re, im) and {@code ab[2·w..], ab[3·w..]} (β re, im): the form of
     * the Heisenberg exchange and of all its derivatives. Four times cheaper than a dense 4×4.
     */
    static void applySwapForm(BatchState s, int q0, int q1, double[] ab) {
        int w = s.width, count = s.dimension >> 2;
        int lo = Math.min(q0, q1), hi = Math.max(q0, q1);
        int b0 = 1 << q0, b1 = 1 << q1;
        double[] re = s.re, im = s.im;
        for (int v = 0; v < w; v += LANES) {
            DoubleVector ar = DoubleVector.fromArray(S, ab, v), ai = DoubleVector.fromArray(S, ab, w + v);
            DoubleVector br = DoubleVector.fromArray(S, ab, 2 * w + v), bi = DoubleVector.fromArray(S, ab, 3 * w + v);
            DoubleVector cr = ar.add(br), ci = ai.add(bi); // α + β on |00⟩ and |11⟩
            for (int j = 0; j < count; j++) {
                int base = insertZero(insertZero(j, lo), hi);
                int o0 = base * w + v, o1 = (base | b0) * w + v, o2 = (base | b1) * w + v, o3 = (base | b0 | b1) * w + v;
                DoubleVector x0r = DoubleVector.fromArray(S, re, o0), x0i = DoubleVector.fromArray(S, im, o0);
                cr.mul(x0r).sub(ci.mul(x0i)).intoArray(re, o0);
                cr.mul(x0i).add(ci.mul(x0r)).intoArray(im, o0);
                DoubleVector x3r = DoubleVector.fromArray(S, re, o3), x3i = DoubleVector.fromArray(S, im, o3);
                cr.mul(x3r).sub(ci.mul(x3i)).intoArray(re, o3);
                cr.mul(x3i).add(ci.mul(x3r)).intoArray(im, o3);
                DoubleVector x1r = DoubleVector.fromArray(S, re, o1), x1i = DoubleVector.fromArray(S, im, o1);
                DoubleVector x2r = DoubleVector.fromArray(S, re, o2), x2i = DoubleVector.fromArray(S, im, o2);
                ar.fma(x1r, br.mul(x2r)).sub(ai.fma(x1i, bi.mul(x2i))).intoArray(re, o1);
                ar.fma(x1i, br.mul(x2i)).add(ai.fma(x1r, bi.mul(x2r))).intoArray(im, o1);
                ar.fma(x2r, br.mul(x1r)).sub(ai.fma(x2i, bi.mul(x1i))).intoArray(re, o2);
                ar.fma(x2i, br.mul(x1i)).add(ai.fma(x2r, bi.mul(x1r))).intoArray(im, o2);
            }
        }
    }

    /**
     * The first-order backward step of a gate in α·I + β·SWAP form in one sweep: ψ ← Vψ with V given
     * by {@code ab} (as in {@link #applySwapForm}), then acc[0·w + b] + i·acc[1·w + b] += Σ_i conj(λ_i)·ψ_i and
     * acc[2·w + b] + i·acc[3·w + b] += Σ_i conj(λ_i)·ψ_(swap(i)) for the new ψ (swap exchanging bits
     * q0 and q1: then Re⟨λ|(α·I + β·SWAP)|ψ⟩ = Re(α·D + β·X) for every member), then λ ← Vλ. Same arithmetic as the three separate sweeps.
     */
    static void backwardSwapForm(BatchState psi, BatchState lam, int q0, int q1, double[] ab, double[] acc) {
        for (int v = 0; v < psi.width; v += LANES) backwardSwapFormLanes(psi, lam, q0, q1, ab, acc, v);
    }

    private static void backwardSwapFormLanes(BatchState psi, BatchState lam, int q0, int q1, double[] ab, double[] acc, int v) {
        int w = psi.width, count = psi.dimension >> 2;
        int lo = Math.min(q0, q1), hi = Math.max(q0, q1);
        int b0 = 1 << q0, b1 = 1 << q1;
        double[] pre = psi.re, pim = psi.im, lre = lam.re, lim = lam.im;
        DoubleVector ar = DoubleVector.fromArray(S, ab, v), ai = DoubleVector.fromArray(S, ab, w + v);
        DoubleVector br = DoubleVector.fromArray(S, ab, 2 * w + v), bi = DoubleVector.fromArray(S, ab, 3 * w + v);
        DoubleVector cr = ar.add(br), ci = ai.add(bi); // α + β on |00⟩ and |11⟩
        DoubleVector dr = DoubleVector.zero(S), di = DoubleVector.zero(S), xr = DoubleVector.zero(S), xi = DoubleVector.zero(S);
        for (int j = 0; j < count; j++) {
            int base = insertZero(insertZero(j, lo), hi);
            int o0 = base * w + v, o1 = (base | b0) * w + v, o2 = (base | b1) * w + v, o3 = (base | b0 | b1) * w + v;
            // |00⟩ and |11⟩: multiplied by α + β, and fixed by SWAP (they add to both sums)
            for (int t = 0; t < 2; t++) {
                int o = t == 0 ? o0 : o3;
                DoubleVector xR = DoubleVector.fromArray(S, pre, o), xI = DoubleVector.fromArray(S, pim, o);
                DoubleVector yR = cr.mul(xR).sub(ci.mul(xI)), yI = cr.mul(xI).add(ci.mul(xR));
                yR.intoArray(pre, o);
                yI.intoArray(pim, o);
                DoubleVector lR = DoubleVector.fromArray(S, lre, o), lI = DoubleVector.fromArray(S, lim, o);
                DoubleVector er = lR.fma(yR, lI.mul(yI)), ei = lR.fma(yI, lI.neg().mul(yR));
                dr = dr.add(er);
                di = di.add(ei);
                xr = xr.add(er);
                xi = xi.add(ei);
                cr.mul(lR).sub(ci.mul(lI)).intoArray(lre, o);
                cr.mul(lI).add(ci.mul(lR)).intoArray(lim, o);
            }
            DoubleVector x1r = DoubleVector.fromArray(S, pre, o1), x1i = DoubleVector.fromArray(S, pim, o1);
            DoubleVector x2r = DoubleVector.fromArray(S, pre, o2), x2i = DoubleVector.fromArray(S, pim, o2);
            DoubleVector y1r = ar.fma(x1r, br.mul(x2r)).sub(ai.fma(x1i, bi.mul(x2i)));
            DoubleVector y1i = ar.fma(x1i, br.mul(x2i)).add(ai.fma(x1r, bi.mul(x2r)));
            DoubleVector y2r = ar.fma(x2r, br.mul(x1r)).sub(ai.fma(x2i, bi.mul(x1i)));
            DoubleVector y2i = ar.fma(x2i, br.mul(x1i)).add(ai.fma(x2r, bi.mul(x1r)));
            y1r.intoArray(pre, o1);
            y1i.intoArray(pim, o1);
            y2r.intoArray(pre, o2);
            y2i.intoArray(pim, o2);
            DoubleVector l1r = DoubleVector.fromArray(S, lre, o1), l1i = DoubleVector.fromArray(S, lim, o1);
            DoubleVector l2r = DoubleVector.fromArray(S, lre, o2), l2i = DoubleVector.fromArray(S, lim, o2);
            dr = dr.add(l1r.fma(y1r, l1i.mul(y1i))).add(l2r.fma(y2r, l2i.mul(y2i)));
            di = di.add(l1r.fma(y1i, l1i.neg().mul(y1r))).add(l2r.fma(y2i, l2i.neg().mul(y2r)));
            xr = xr.add(l1r.fma(y2r, l1i.mul(y2i))).add(l2r.fma(y1r, l2i.mul(y1i)));
            xi = xi.add(l1r.fma(y2i, l1i.neg().mul(y2r))).add(l2r.fma(y1i, l2i.neg().mul(y1r)));
            ar.fma(l1r, br.mul(l2r)).sub(ai.fma(l1i, bi.mul(l2i))).intoArray(lre, o1);
            ar.fma(l1i, br.mul(l2i)).add(ai.fma(l1r, bi.mul(l2r))).intoArray(lim, o1);
            ar.fma(l2r, br.mul(l1r)).sub(ai.fma(l2i, bi.mul(l1i))).intoArray(lre, o2);
            ar.fma(l2i, br.mul(l1i)).add(ai.fma(l2r, bi.mul(l1r))).intoArray(lim, o2);
        }
        dr.add(DoubleVector.fromArray(S, acc, v)).intoArray(acc, v);
        di.add(DoubleVector.fromArray(S, acc, w + v)).intoArray(acc, w + v);
        xr.add(DoubleVector.fromArray(S, acc, 2 * w + v)).intoArray(acc, 2 * w + v);
        xi.add(DoubleVector.fromArray(S, acc, 3 * w + v)).intoArray(acc, 3 * w + v);
    }

    /** out[b] = Re⟨a_b|c_b⟩. */
    static void realInner(BatchState a, BatchState c, double[] out) {
        int w = a.width;
        for (int v = 0; v < w; v += LANES) {
            DoubleVector acc = DoubleVector.zero(S);
            for (int i = 0; i < a.dimension; i++) {
                int o = i * w + v;
                acc = DoubleVector.fromArray(S, a.re, o).fma(DoubleVector.fromArray(S, c.re, o), acc);
                acc = DoubleVector.fromArray(S, a.im, o).fma(DoubleVector.fromArray(S, c.im, o), acc);
            }
            acc.intoArray(out, v);
        }
    }

    /** dst += w·src. */
    static void axpy(BatchState dst, double w, BatchState src) {
        DoubleVector wv = DoubleVector.broadcast(S, w);
        int n = dst.re.length;
        for (int i = 0; i < n; i += LANES) {
            wv.fma(DoubleVector.fromArray(S, src.re, i), DoubleVector.fromArray(S, dst.re, i)).intoArray(dst.re, i);
            wv.fma(DoubleVector.fromArray(S, src.im, i), DoubleVector.fromArray(S, dst.im, i)).intoArray(dst.im, i);
        }
    }

    /** dst += weight·O·src for every member (dst and src distinct). */
    static void addObservable(BatchState dst, double weight, PauliSum o, BatchState src) {
        int w = dst.width;
        var terms = o.terms();
        for (int t = 0; t < terms.size(); t++) {
            PauliString p = terms.get(t);
            // n ≤ 12 here, so the masks fit an int
            int flip = (int) p.flipMask(), zmask = (int) p.phaseMask(), ys = p.yCount();
            double cr, ci;
            switch (ys & 3) {
                case 0 -> { cr = 1; ci = 0; }
                case 1 -> { cr = 0; ci = 1; }
                case 2 -> { cr = -1; ci = 0; }
                default -> { cr = 0; ci = -1; }
            }
            double c = weight * p.coefficient();
            for (int i = 0; i < src.dimension; i++) {
                double sign = (Integer.bitCount(i & zmask) & 1) == 0 ? c : -c;
                DoubleVector pr = DoubleVector.broadcast(S, sign * cr), pim = DoubleVector.broadcast(S, sign * ci);
                int os = i * w, od = (i ^ flip) * w;
                for (int v = 0; v < w; v += LANES) {
                    DoubleVector sr = DoubleVector.fromArray(S, src.re, os + v), si = DoubleVector.fromArray(S, src.im, os + v);
                    DoubleVector dr = DoubleVector.fromArray(S, dst.re, od + v), di = DoubleVector.fromArray(S, dst.im, od + v);
                    pr.fma(sr, dr).sub(pim.mul(si)).intoArray(dst.re, od + v);
                    pr.fma(si, di).add(pim.mul(sr)).intoArray(dst.im, od + v);
                }
            }
        }
    }
}
