package org.qff.simulator.gradient;

import org.qff.simulator.StateVector;
import org.qff.simulator.observable.PauliString;
import org.qff.simulator.observable.PauliSum;

/**
 * The few whole-state operations adjoint differentiation needs beyond gate kernels: inner products,
 * axpy, local matrix elements ⟨φ|M|χ⟩ without a copy, and applying a Pauli sum into a second state.
 * Plain loops over {@link StateVector#re}/{@link StateVector#im}; no allocation.
 */
final class StateOps {
    private StateOps() {}

    static void zero(StateVector s) {
        for (long i = 0; i < s.dimension(); i++) s.set(i, 0, 0);
    }

    /** Re⟨a|b⟩. */
    static double realInner(StateVector a, StateVector b) {
        double sum = 0;
        for (long i = 0; i < a.dimension(); i++) sum += a.re(i) * b.re(i) + a.im(i) * b.im(i);
        return sum;
    }

    /** dst += w·src. */
    static void axpy(StateVector dst, double w, StateVector src) {
        for (long i = 0; i < dst.dimension(); i++) dst.set(i, dst.re(i) + w * src.re(i), dst.im(i) + w * src.im(i));
    }

    /** Re⟨bra|M|ket⟩ for a 2^k × 2^k matrix M on the given qubits (k = qubits.length ≤ 3). */
    static double matrixElementRe(StateVector bra, int[] qubits, double[] m, StateVector ket) {
        int k = qubits.length, dim = 1 << k;
        long count = bra.dimension() >> k;
        if (k == 1) {
            long bit = 1L << qubits[0];
            double m00r = m[0], m00i = m[1], m01r = m[2], m01i = m[3], m10r = m[4], m10i = m[5], m11r = m[6], m11i = m[7];
            double sum = 0;
            for (long j = 0; j < count; j++) {
                long i0 = insertZero(j, qubits[0]), i1 = i0 | bit;
                double ar = ket.re(i0), ai = ket.im(i0), br = ket.re(i1), bi = ket.im(i1);
                double r0 = m00r * ar - m00i * ai + m01r * br - m01i * bi, q0 = m00r * ai + m00i * ar + m01r * bi + m01i * br;
                double r1 = m10r * ar - m10i * ai + m11r * br - m11i * bi, q1 = m10r * ai + m10i * ar + m11r * bi + m11i * br;
                sum += bra.re(i0) * r0 + bra.im(i0) * q0 + bra.re(i1) * r1 + bra.im(i1) * q1;
            }
            return sum;
        }
        int lo = Math.min(qubits[0], qubits[1]), hi = Math.max(qubits[0], qubits[1]);
        long[] off = LOCAL_OFFSETS.get();
        for (int l = 0; l < dim; l++) {
            long o = 0;
            for (int j = 0; j < k; j++) if (((l >> j) & 1) != 0) o |= 1L << qubits[j];
            off[l] = o;
        }
        int[] sorted = SORTED.get();
        if (k == 3) {
            sorted[0] = qubits[0]; sorted[1] = qubits[1]; sorted[2] = qubits[2];
            java.util.Arrays.sort(sorted, 0, 3);
        }
        double sum = 0;
        for (long j = 0; j < count; j++) {
            long base = k == 2 ? insertZero(insertZero(j, lo), hi) : insertZero(insertZero(insertZero(j, sorted[0]), sorted[1]), sorted[2]);
            for (int r = 0; r < dim; r++) {
                double accR = 0, accI = 0;
                for (int c = 0; c < dim; c++) {
                    double mr = m[2 * (r * dim + c)], mi = m[2 * (r * dim + c) + 1];
                    if (mr == 0 && mi == 0) continue;
                    long ic = base | off[c];
                    double kr = ket.re(ic), ki = ket.im(ic);
                    accR += mr * kr - mi * ki;
                    accI += mr * ki + mi * kr;
                }
                long ir = base | off[r];
                sum += bra.re(ir) * accR + bra.im(ir) * accI;
            }
        }
        return sum;
    }

    private static final ThreadLocal<long[]> LOCAL_OFFSETS = ThreadLocal.withInitial(() -> new long[8]);
    private static final ThreadLocal<int[]> SORTED = ThreadLocal.withInitial(() -> new int[3]);

    /** j with a zero bit inserted at position q. */
    static long insertZero(long j, int q) {
        long low = j & ((1L << q) - 1);
        return ((j >>> q) << (q + 1)) | low;
    }

    /** dst += w·O·src, O a Pauli sum (dst and src distinct). */
    static void addObservable(StateVector dst, double w, PauliSum o, StateVector src) {
        for (PauliString p : o.terms()) {
            long flip = 0, zmask = 0;
            int ys = 0;
            for (int k = 0; k < p.qubits().length; k++) {
                long b = 1L << p.qubits()[k];
                switch (p.paulis()[k]) {
                    case 'X' -> flip |= b;
                    case 'Y' -> { flip |= b; zmask |= b; ys++; }
                    default -> zmask |= b;
                }
            }
            // P|i⟩ = i^ys (−1)^popcount(i & zmask) |i ⊕ flip⟩ (Y = iXZ)
            double cr, ci;
            switch (ys & 3) {
                case 0 -> { cr = 1; ci = 0; }
                case 1 -> { cr = 0; ci = 1; }
                case 2 -> { cr = -1; ci = 0; }
                default -> { cr = 0; ci = -1; }
            }
            cr *= w * p.coefficient();
            ci *= w * p.coefficient();
            for (long i = 0; i < src.dimension(); i++) {
                double sign = (Long.bitCount(i & zmask) & 1) == 0 ? 1 : -1;
                double ar = sign * src.re(i), ai = sign * src.im(i);
                long j = i ^ flip;
                dst.set(j, dst.re(j) + cr * ar - ci * ai, dst.im(j) + cr * ai + ci * ar);
            }
        }
    }
}
