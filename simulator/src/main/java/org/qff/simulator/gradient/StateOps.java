package org.qff.simulator.gradient;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.observable.PauliString;

/**
 * The few whole-state operations adjoint differentiation needs beyond gate kernels: inner products,
 * axpy, local matrix elements ⟨φ|M|χ⟩ without a copy, and applying a Pauli sum into a second state.
 * Inner products and axpy are SIMD sweeps over the split layout; the rest are plain loops over
 * {@link StateVector#re}/{@link StateVector#im}. No allocation.
 */
final class StateOps {
    private StateOps() {}

    static void zero(StateVector s) {
        s.reset(); // memset, then |0…0⟩'s one amplitude back to zero
        s.set(0, 0, 0);
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    /**
     * Re⟨a|b⟩ = Σ (re_a re_b + im_a im_b) over the split layout's 2^(n+1) doubles: one SIMD read of
     * both states (this class reads the layout directly, as a kernel would).
     */
    static double realInner(StateVector a, StateVector b) {
        long n = 2 * a.dimension();
        MemorySegment sa = a.segment(), sb = b.segment();
        DoubleVector acc = DoubleVector.zero(S);
        long i = 0;
        for (; i + S.length() <= n; i += S.length()) {
            acc = DoubleVector.fromMemorySegment(S, sa, i << 3, NATIVE).fma(DoubleVector.fromMemorySegment(S, sb, i << 3, NATIVE), acc);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) sum += sa.getAtIndex(ValueLayout.JAVA_DOUBLE, i) * sb.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
        return sum;
    }

    /** dst += w·src, one SIMD sweep. */
    static void axpy(StateVector dst, double w, StateVector src) {
        long n = 2 * dst.dimension();
        MemorySegment sd = dst.segment(), ss = src.segment();
        DoubleVector wv = DoubleVector.broadcast(S, w);
        long i = 0;
        for (; i + S.length() <= n; i += S.length()) {
            wv.fma(DoubleVector.fromMemorySegment(S, ss, i << 3, NATIVE), DoubleVector.fromMemorySegment(S, sd, i << 3, NATIVE))
                    .intoMemorySegment(sd, i << 3, NATIVE);
        }
        for (; i < n; i++) sd.setAtIndex(ValueLayout.JAVA_DOUBLE, i, sd.getAtIndex(ValueLayout.JAVA_DOUBLE, i) + w * ss.getAtIndex(ValueLayout.JAVA_DOUBLE, i));
    }

    private static final int L = S.length();
    /** Lane permutations l ↦ l ⊕ xl, and lane signs (−1)^popcount((l ⊕ xl) ∧ zl) at [xl·L + zl], for {@link #pauliInto}. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Double>[] FLIP = new VectorShuffle[L];
    private static final double[][] LANE_SIGNS = new double[L * L][L];
    static {
        for (int xl = 0; xl < L; xl++) {
            int f = xl;
            FLIP[xl] = VectorShuffle.fromOp(S, l -> l ^ f);
            for (int zl = 0; zl < L; zl++) {
                for (int l = 0; l < L; l++) LANE_SIGNS[xl * L + zl][l] = (Integer.bitCount((l ^ xl) & zl) & 1) == 0 ? 1 : -1;
            }
        }
    }

    /**
     * λ ← c·Pψ for a Pauli string P (its coefficient not applied) in one sweep, returning
     * ⟨ψ|P|ψ⟩ (real: P is Hermitian). With x the qubits carrying X or Y, z those carrying Z or Y and
     * Y = i·X·Z: (Pψ)[j] = i^(#Y)·(−1)^popcount((j ⊕ x) ∧ z)·ψ[j ⊕ x]. Needs at least one vector of
     * amplitudes (2^n ≥ lanes); callers use {@link #applyPauli} below that.
     */
    static double pauliInto(PauliString p, StateVector psi, StateVector lambda, double c) {
        long x = p.flipMask(), z = p.phaseMask();
        int ny = p.yCount();
        int xl = (int) (x & (L - 1)), zl = (int) (z & (L - 1));
        // i^ny
        double pr = (ny & 3) == 0 ? 1 : (ny & 3) == 2 ? -1 : 0, pi = (ny & 3) == 1 ? 1 : (ny & 3) == 3 ? -1 : 0;
        return pauliSweep(psi.segment(), lambda.segment(), psi.dimension(), x & ~(long) (L - 1), z & ~(long) (L - 1), FLIP[xl], LANE_SIGNS[xl * L + zl], pr, pi, c);
    }

    /** The sweep of {@link #pauliInto}: vector j takes vector j ⊕ xh with its lanes permuted, signed, times i^ny = pr + i·pi. */
    private static double pauliSweep(MemorySegment ps, MemorySegment ls, long dim, long xh, long zh, VectorShuffle<Double> perm, double[] laneSigns,
                                     double pr, double pi, double c) {
        DoubleVector acc = DoubleVector.zero(S), sr = DoubleVector.fromArray(S, laneSigns, 0).mul(pr), si = DoubleVector.fromArray(S, laneSigns, 0).mul(pi);
        DoubleVector cv = DoubleVector.broadcast(S, c);
        for (long j = 0; j < dim; j += L) {
            long src = j ^ xh;
            double sign = (Long.bitCount(src & zh) & 1) == 0 ? 1 : -1;
            DoubleVector fr = sr.mul(sign), fi = si.mul(sign);
            DoubleVector br = DoubleVector.fromMemorySegment(S, ps, src << 3, NATIVE).rearrange(perm);
            DoubleVector bi = DoubleVector.fromMemorySegment(S, ps, (dim + src) << 3, NATIVE).rearrange(perm);
            DoubleVector lr = br.mul(fr).sub(bi.mul(fi)), li = br.fma(fi, bi.mul(fr));
            acc = DoubleVector.fromMemorySegment(S, ps, j << 3, NATIVE).fma(lr, acc);
            acc = DoubleVector.fromMemorySegment(S, ps, (dim + j) << 3, NATIVE).fma(li, acc);
            lr.mul(cv).intoMemorySegment(ls, j << 3, NATIVE);
            li.mul(cv).intoMemorySegment(ls, (dim + j) << 3, NATIVE);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static final int[] NO_CONTROLS = new int[0];
    private static final double[] PAULI_Y = {0, 0, 0, -1, 0, 1, 0, 0};

    /** s ← P·s for the Pauli string's letters (its coefficient is not applied), through the kernels. */
    static void applyPauli(GateKernels k, PauliString p, StateVector s) {
        for (int j = 0; j < p.qubits().length; j++) {
            int q = p.qubits()[j];
            switch (p.paulis()[j]) {
                case 'X' -> k.controlledX(s, NO_CONTROLS, q);
                case 'Y' -> k.dense1(s, q, PAULI_Y);
                default -> k.diagonal1(s, q, 1, 0, -1, 0);
            }
        }
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
}
