package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * Two-target gates (no controls) with at least one low target (a lane bit, below {@link Lanes#LOG_L}),
 * whose matrix has the exchange shape, which would otherwise take the generic shuffle kernels
 * ({@link DenseSweeps#lowQuads}, {@link DenseSweeps#mixedPair}):
 * <ul>
 *   <li>{@link KernelOp.Kind#EXCHANGE2_LOW}: an exchange-shaped 4×4 (only |01⟩ and |10⟩ mixed,
 *       phases on |00⟩ and |11⟩: Heisenberg exchange) on two low targets: one vector per group,
 *       out = c ⊙ v + k ⊙ v[lane ^ both bits]: one shuffle and 8 multiply-adds per complex
 *       vector instead of the dense kernel's three shuffles and 16;
 *   <li>{@link KernelOp.Kind#EXCHANGE2_MIXED}: the same shape on one low and one high target: two
 *       vectors a (high bit 0), b (high bit 1) per group, out_a = c_a ⊙ a + k_a ⊙ b[lane ^ low bit]
 *       and out_b likewise;
 * </ul>
 * Each group is computed on its own, so results do not depend on how the group range is split
 * between threads or cache blocks.
 *
 * <p>A dense complex 4×4 on qubit 2 and a high qubit stays on {@link DenseSweeps#mixedPair}
 * (1.7× the high-target time at n = 20). Tried and dropped: (1) half-width vectors
 * (VectorSpecies of L/2 lanes, where qubit 2 is a vector bit, so {@link DenseSweeps#dense2High}'s
 * loop runs with broadcast coefficients): 1.4–1.5× in isolation, but a second vector class in the
 * process made C2 box vectors in other kernels (GatheredRunsTest: 0.2–0.6 MB allocated per run in
 * the full test suite, none without it); (2) pairing two groups (bases one free high bit f apart)
 * and transposing lane bit 2 with f so the 4×4 has uniform coefficients: in place in memory
 * around a dense2High pass 2.1×, with two-vector selectFrom 2.9×, columns by unaligned loads +
 * blends with rows back by half-masked stores 3.6×, through the per-thread scratch 2.8–3.1×;
 * transposing in registers inside the row loop passed C2's NodeCountInliningCutoff, every vector
 * boxed (0.4–1.9 KB per pair of groups, 6–25× slower).
 * Coefficient tables live in {@link KernelOp#table} (filled by {@link #bind}).
 */
final class LowPairSweeps {
    private LowPairSweeps() {}

    /**
     * The kernel for a two-target, control-free op with a low target (its GENERIC set-up done:
     * targets split, high target skipped), its tables filled; or null for the generic kernels:
     * real dense matrices keep {@link DenseSweeps#mixedPairReal} / {@link DenseSweeps#lowQuadsReal},
     * dense complex ones {@link DenseSweeps#lowQuads} (two low targets: within 1.3× of the
     * high-target time already) or {@link DenseSweeps#mixedPair} (see the class comment).
     */
    static KernelOp.Kind bind(KernelOp op) {
        if (op.nTargets != 2 || op.nControls != 0 || op.kl == 0) return null;
        double[] u = op.matrix;
        if (op.kl == 2 && op.real && twoPerRow(u)) {
            fillPairsLow(op);
            return KernelOp.Kind.PAIRS2_REAL_LOW;
        }
        if (isExchange(u)) {
            if (op.kl == 2) {
                fillExchangeLow(op);
                return KernelOp.Kind.EXCHANGE2_LOW;
            }
            fillExchangeMixed(op);
            return KernelOp.Kind.EXCHANGE2_MIXED;
        }
        return null;
    }

    /** Every row of the real 4×4 has at most two nonzero entries (an RY then a CNOT, a SWAP, …). */
    static boolean twoPerRow(double[] u) {
        for (int r = 0; r < 4; r++) {
            int nz = 0;
            for (int k = 0; k < 4; k++) if (u[2 * (4 * r + k)] != 0.0) nz++;
            if (nz > 2) return false;
        }
        return true;
    }

    /** Shuffles by source-lane code (Σ source[l]·L^l), made once each. */
    private static final java.util.concurrent.ConcurrentHashMap<Long, VectorShuffle<Double>> SHUFFLES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * PAIRS2_REAL_LOW tables: lane l (matrix row r) takes a[l]·v[first[l]] + b[l]·v[second[l]],
     * where first/second are the lanes holding the row's two nonzero columns (the same lane, with
     * b = 0, for a row with one). Coefficients at table rows 0 and 1; the shuffles are made once per
     * pattern of nonzeros and kept while re-binding does not change it (no allocation then).
     */
    private static void fillPairsLow(KernelOp op) {
        double[] u = op.matrix, t = table(op, 2 * L);
        int targetLanes = op.laneXor(3);
        long codeFirst = 0, codeSecond = 0;
        for (int lane = L - 1; lane >= 0; lane--) {
            int row = local(op, lane, 0);
            int c1 = -1, c2 = -1;
            for (int k = 0; k < 4; k++) {
                if (u[2 * (4 * row + k)] == 0.0) continue;
                if (c1 < 0) c1 = k;
                else c2 = k;
            }
            if (c1 < 0) c1 = row;
            t[lane] = u[2 * (4 * row + c1)];
            t[L + lane] = c2 < 0 ? 0 : u[2 * (4 * row + c2)];
            if (c2 < 0) c2 = c1;
            // the lane holding column c of this lane's row: the targets' lane bits replaced by c
            codeFirst = codeFirst * L + ((lane & ~targetLanes) | op.laneXor(c1));
            codeSecond = codeSecond * L + ((lane & ~targetLanes) | op.laneXor(c2));
        }
        if (op.pairFirst != null && op.pairFirstCode == codeFirst && op.pairSecondCode == codeSecond) return;
        op.pairFirst = shuffle(codeFirst);
        op.pairSecond = shuffle(codeSecond);
        op.pairFirstCode = codeFirst;
        op.pairSecondCode = codeSecond;
    }

    private static VectorShuffle<Double> shuffle(long code) {
        VectorShuffle<Double> s = SHUFFLES.get(code);
        if (s != null) return s;
        int[] source = new int[L];
        long c = code;
        for (int l = 0; l < L; l++) {
            source[l] = (int) (c % L);
            c /= L;
        }
        s = VectorShuffle.fromArray(S, source, 0);
        SHUFFLES.putIfAbsent(code, s);
        return s;
    }

    /** Every entry outside the diagonal and the (1,2)/(2,1) corners is exactly 0. */
    static boolean isExchange(double[] u) {
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 4; k++) {
                boolean inBlock = r == k || (r == 1 && k == 2) || (r == 2 && k == 1);
                if (!inBlock && (u[2 * (4 * r + k)] != 0.0 || u[2 * (4 * r + k) + 1] != 0.0)) return false;
            }
        }
        return true;
    }

    /** The local (matrix) index of the amplitude in lane {@code lane} of a vector whose high target bit is {@code hBit}. */
    private static int local(KernelOp op, int lane, int hBit) {
        int loc = 0;
        for (int j = 0; j < 2; j++) {
            int q = op.targets[j];
            int bit = q < LOG_L ? (lane >> q) & 1 : hBit;
            loc |= bit << j;
        }
        return loc;
    }

    private static double[] table(KernelOp op, int size) {
        if (op.table.length < size) op.table = new double[size];
        return op.table;
    }

    /**
     * Per-lane exchange coefficients for a vector whose high bit is hBit, at table vector {@code at}:
     * c_r, c_i, −c_i (the diagonal entry of the lane's row), k_r, k_i, −k_i (the entry pairing it
     * with the other of |01⟩, |10⟩; 0 on the |00⟩ and |11⟩ lanes).
     */
    private static void fillExchangeRows(KernelOp op, double[] t, int at, int hBit) {
        double[] u = op.matrix;
        for (int lane = 0; lane < L; lane++) {
            int loc = local(op, lane, hBit);
            double cr = u[2 * (5 * loc)], ci = u[2 * (5 * loc) + 1];
            double kr = 0, ki = 0;
            if (loc == 1 || loc == 2) {
                kr = u[2 * (4 * loc + 3 - loc)];
                ki = u[2 * (4 * loc + 3 - loc) + 1];
            }
            t[(at) * L + lane] = cr;
            t[(at + 1) * L + lane] = ci;
            t[(at + 2) * L + lane] = -ci;
            t[(at + 3) * L + lane] = kr;
            t[(at + 4) * L + lane] = ki;
            t[(at + 5) * L + lane] = -ki;
        }
    }

    private static void fillExchangeLow(KernelOp op) {
        fillExchangeRows(op, table(op, 6 * L), 0, 0);
    }

    private static void fillExchangeMixed(KernelOp op) {
        double[] t = table(op, 12 * L);
        fillExchangeRows(op, t, 0, 0);
        fillExchangeRows(op, t, 6, 1);
    }

    // ---------------------------------------------------------------- kernels

    /**
     * EXCHANGE2_LOW: one vector per group, out = c ⊙ v + k ⊙ v[lane ^ (bit a | bit b)]. The six
     * coefficient vectors are hoisted (with the two data vectors and their shuffles that is 10
     * live vectors: no pressure).
     */
    static void exchangeLow(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        VectorShuffle<Double> sw = Lanes.xor((1 << op.loPos[0]) | (1 << op.loPos[1]));
        DoubleVector cr = DoubleVector.fromArray(S, t, 0);
        DoubleVector ci = DoubleVector.fromArray(S, t, L);
        DoubleVector cin = DoubleVector.fromArray(S, t, 2 * L);
        DoubleVector kr = DoubleVector.fromArray(S, t, 3 * L);
        DoubleVector ki = DoubleVector.fromArray(S, t, 4 * L);
        DoubleVector kin = DoubleVector.fromArray(S, t, 5 * L);
        for (long i = from << LOG_L, end = to << LOG_L; i < end; i += L) {
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            DoubleVector wr = vr.rearrange(sw), wi = vi.rearrange(sw);
            vr.fma(cr, vi.fma(cin, wr.fma(kr, wi.mul(kin)))).intoMemorySegment(seg, i << 3, ORDER);
            vi.fma(cr, vr.fma(ci, wi.fma(kr, wr.mul(ki)))).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /**
     * EXCHANGE2_MIXED: vectors a (high target 0) and b (high target 1) per group; out_a = c_a ⊙ a +
     * k_a ⊙ b[lane ^ low bit], out_b = c_b ⊙ b + k_b ⊙ a[lane ^ low bit]. The group index steps
     * flat past the high target's bit (the op has no other skipped bit).
     */
    static void exchangeMixed(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        VectorShuffle<Double> sw = Lanes.xor(1 << op.loPos[0]);
        long oh = op.offsets[1], m0 = oh;
        DoubleVector car = DoubleVector.fromArray(S, t, 0);
        DoubleVector cai = DoubleVector.fromArray(S, t, L);
        DoubleVector cain = DoubleVector.fromArray(S, t, 2 * L);
        DoubleVector kar = DoubleVector.fromArray(S, t, 3 * L);
        DoubleVector kai = DoubleVector.fromArray(S, t, 4 * L);
        DoubleVector kain = DoubleVector.fromArray(S, t, 5 * L);
        DoubleVector cbr = DoubleVector.fromArray(S, t, 6 * L);
        DoubleVector cbi = DoubleVector.fromArray(S, t, 7 * L);
        DoubleVector cbin = DoubleVector.fromArray(S, t, 8 * L);
        DoubleVector kbr = DoubleVector.fromArray(S, t, 9 * L);
        DoubleVector kbi = DoubleVector.fromArray(S, t, 10 * L);
        DoubleVector kbin = DoubleVector.fromArray(S, t, 11 * L);
        long z = op.base(from);
        for (long g = from; g < to; g++) {
            long ia = z, ib = z + oh;
            DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, ia << 3, ORDER);
            DoubleVector ai = DoubleVector.fromMemorySegment(S, seg, (dim + ia) << 3, ORDER);
            DoubleVector br = DoubleVector.fromMemorySegment(S, seg, ib << 3, ORDER);
            DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (dim + ib) << 3, ORDER);
            DoubleVector asr = ar.rearrange(sw), asi = ai.rearrange(sw), bsr = br.rearrange(sw), bsi = bi.rearrange(sw);
            ar.fma(car, ai.fma(cain, bsr.fma(kar, bsi.mul(kain)))).intoMemorySegment(seg, ia << 3, ORDER);
            ai.fma(car, ar.fma(cai, bsi.fma(kar, bsr.mul(kai)))).intoMemorySegment(seg, (dim + ia) << 3, ORDER);
            br.fma(cbr, bi.fma(cbin, asr.fma(kbr, asi.mul(kbin)))).intoMemorySegment(seg, ib << 3, ORDER);
            bi.fma(cbr, br.fma(cbi, asi.fma(kbr, asr.mul(kbi)))).intoMemorySegment(seg, (dim + ib) << 3, ORDER);
            z += L;
            z += z & m0;
        }
    }

    /**
     * PAIRS2_REAL_LOW: one vector per group and half, out = a ⊙ v[first] + b ⊙ v[second]: two
     * shuffles, a multiply and a multiply-add, against the dense real kernel's three and four
     * ({@link DenseSweeps#lowQuadsReal}). Fused RY + CNOT ladder blocks on lane qubits have this form.
     */
    static void pairsLowReal(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        VectorShuffle<Double> p1 = op.pairFirst, p2 = op.pairSecond;
        DoubleVector a = DoubleVector.fromArray(S, t, 0), b = DoubleVector.fromArray(S, t, L);
        for (long i = from << LOG_L, end = to << LOG_L; i < end; i += L) {
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            vr.rearrange(p2).fma(b, vr.rearrange(p1).mul(a)).intoMemorySegment(seg, i << 3, ORDER);
            vi.rearrange(p2).fma(b, vi.rearrange(p1).mul(a)).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }
}
