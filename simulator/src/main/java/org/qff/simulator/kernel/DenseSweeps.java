package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * Dense multi-qubit sweeps: a specialised 4×4 for two high targets (Heisenberg exchange, RXX, …),
 * and the general engine for any k ≤ 5 targets, any controls and any target positions.
 */
final class DenseSweeps {
    private DenseSweeps() {}

    /**
     * The complex 4×4: 16 complex multiply-adds per group, FMA-bound when the state is in L3.
     * Rows are a loop over the matrix with coefficients broadcast from it (L1-resident) on each use,
     * all in this one method. Three other shapes were measured to box every vector (hundreds of
     * bytes allocated per group, 10–50× slower): all 32 broadcasts hoisted out of the loop, the four
     * rows fully unrolled (too many vector nodes for C2), and a row helper taking vectors (compiled
     * on its own first, then refused for inlining as "already compiled into a big method").
     * The 3-multiplication complex product (Re = a(c+d) − (a+b)d, Im = a(c+d) + (b−a)c: 12
     * multiply-adds per row instead of 16, plus shared adds) was measured 1.2–1.4× slower: it needs
     * 48 coefficient broadcasts per group instead of 32, and the broadcasts, not the FMAs, bound
     * this loop (pre-broadcast coefficient vectors loaded from a table were slower still).
     */
    static void dense2High(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        if (op.real) {
            dense2HighReal(seg, dim, op, from, to);
            return;
        }
        double[] u = op.matrix;
        long[] off = op.offsets;
        int lowest = op.inserted[0];
        // Runs up to the next multiple of 2^lowest have linear indices (bounds checks hoisted).
        for (long p = from << LOG_L, end = to << LOG_L; p < end; ) {
            long runEnd = Math.min(end, ((p >> lowest) + 1) << lowest);
            long first = op.indexOf(p), len = runEnd - p;
            for (long j = 0; j < len; j += L) {
                long a0 = first + j, a1 = a0 + off[1], a2 = a0 + off[2], a3 = a0 + off[3];
                DoubleVector x0r = DoubleVector.fromMemorySegment(S, seg, a0 << 3, ORDER);
                DoubleVector x1r = DoubleVector.fromMemorySegment(S, seg, a1 << 3, ORDER);
                DoubleVector x2r = DoubleVector.fromMemorySegment(S, seg, a2 << 3, ORDER);
                DoubleVector x3r = DoubleVector.fromMemorySegment(S, seg, a3 << 3, ORDER);
                DoubleVector x0i = DoubleVector.fromMemorySegment(S, seg, (dim + a0) << 3, ORDER);
                DoubleVector x1i = DoubleVector.fromMemorySegment(S, seg, (dim + a1) << 3, ORDER);
                DoubleVector x2i = DoubleVector.fromMemorySegment(S, seg, (dim + a2) << 3, ORDER);
                DoubleVector x3i = DoubleVector.fromMemorySegment(S, seg, (dim + a3) << 3, ORDER);
                // All four inputs are in registers before the first store, so rows can be written as computed.
                for (int row = 0; row < 4; row++) {
                    int r = 8 * row;
                    long at = a0 + off[row];
                    DoubleVector u0r = DoubleVector.broadcast(S, u[r]), u0i = DoubleVector.broadcast(S, u[r + 1]);
                    DoubleVector u1r = DoubleVector.broadcast(S, u[r + 2]), u1i = DoubleVector.broadcast(S, u[r + 3]);
                    DoubleVector u2r = DoubleVector.broadcast(S, u[r + 4]), u2i = DoubleVector.broadcast(S, u[r + 5]);
                    DoubleVector u3r = DoubleVector.broadcast(S, u[r + 6]), u3i = DoubleVector.broadcast(S, u[r + 7]);
                    // Re = Σ ur·xr − Σ ui·xi, Im = Σ ur·xi + Σ ui·xr
                    x0r.fma(u0r, x1r.fma(u1r, x2r.fma(u2r, x3r.mul(u3r))))
                            .sub(x0i.fma(u0i, x1i.fma(u1i, x2i.fma(u2i, x3i.mul(u3i))))).intoMemorySegment(seg, at << 3, ORDER);
                    x0i.fma(u0r, x1i.fma(u1r, x2i.fma(u2r, x3i.fma(u3r,
                            x0r.fma(u0i, x1r.fma(u1i, x2r.fma(u2i, x3r.mul(u3i)))))))).intoMemorySegment(seg, (dim + at) << 3, ORDER);
                }
            }
            p = runEnd;
        }
    }

    /**
     * A 4×4 on two high targets that only mixes |01⟩ with |10⟩ and puts phases on |00⟩ and |11⟩
     * (Heisenberg exchange e^{−iJ}⊕[[b, c], [c, b]]⊕e^{−iJ}, XX+YY rotations, …): 24 multiply-adds
     * per group instead of the dense kernel's 64, so the gate runs at the memory floor.
     * The 18 coefficients of the op's table ({@link KernelOp#exchange}: d0, −d0i, d3, −d3i, then
     * the 2×2 block with its negated imaginary parts) are broadcast once, before the loop, and the
     * Vector API calls are written out. Through the {@code Lanes} helpers, hoisting them made C2 box
     * every vector (190 B allocated per group, 10× slower): past its node-count cutoff C2 refuses
     * to inline the helpers (see MuxSweeps). Written out and hoisted against per-use broadcasts
     * through the helpers, paired thread-CPU-time rounds in one JVM (2026-12-02): 0.81× at n = 20
     * (1.40 → 1.15 sweeps) and 0.91× at n = 24 (1.11 → 1.01).
     */
    static void exchange2High(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.exchange;
        long[] off = op.offsets;
        int lowest = op.inserted[0];
        long o1 = off[1] << 3, o2 = off[2] << 3, o3 = off[3] << 3, d = dim << 3;
        DoubleVector t0 = DoubleVector.broadcast(S, t[0]);
        DoubleVector t1 = DoubleVector.broadcast(S, t[1]);
        DoubleVector t2 = DoubleVector.broadcast(S, t[2]);
        DoubleVector t3 = DoubleVector.broadcast(S, t[3]);
        DoubleVector t4 = DoubleVector.broadcast(S, t[4]);
        DoubleVector t5 = DoubleVector.broadcast(S, t[5]);
        DoubleVector p6 = DoubleVector.broadcast(S, t[6]);
        DoubleVector p7 = DoubleVector.broadcast(S, t[7]);
        DoubleVector p8 = DoubleVector.broadcast(S, t[8]);
        DoubleVector p9 = DoubleVector.broadcast(S, t[9]);
        DoubleVector p10 = DoubleVector.broadcast(S, t[10]);
        DoubleVector p11 = DoubleVector.broadcast(S, t[11]);
        DoubleVector q12 = DoubleVector.broadcast(S, t[12]);
        DoubleVector q13 = DoubleVector.broadcast(S, t[13]);
        DoubleVector q14 = DoubleVector.broadcast(S, t[14]);
        DoubleVector q15 = DoubleVector.broadcast(S, t[15]);
        DoubleVector q16 = DoubleVector.broadcast(S, t[16]);
        DoubleVector q17 = DoubleVector.broadcast(S, t[17]);
        for (long p = from << LOG_L, end = to << LOG_L; p < end; ) {
            long runEnd = Math.min(end, ((p >> lowest) + 1) << lowest);
            long first = op.indexOf(p), len = runEnd - p;
            for (long j = 0; j < len; j += L) {
                long a0 = (first + j) << 3, a1 = a0 + o1, a2 = a0 + o2, a3 = a0 + o3;
                // all loads first: see OneQubitSweeps#scale on 4K aliasing
                DoubleVector x0r = DoubleVector.fromMemorySegment(S, seg, a0, ORDER), x1r = DoubleVector.fromMemorySegment(S, seg, a1, ORDER);
                DoubleVector x2r = DoubleVector.fromMemorySegment(S, seg, a2, ORDER), x3r = DoubleVector.fromMemorySegment(S, seg, a3, ORDER);
                DoubleVector x0i = DoubleVector.fromMemorySegment(S, seg, d + a0, ORDER), x1i = DoubleVector.fromMemorySegment(S, seg, d + a1, ORDER);
                DoubleVector x2i = DoubleVector.fromMemorySegment(S, seg, d + a2, ORDER), x3i = DoubleVector.fromMemorySegment(S, seg, d + a3, ORDER);
                x0r.fma(t0, x0i.mul(t2)).intoMemorySegment(seg, a0, ORDER);
                x0r.fma(t1, x0i.mul(t0)).intoMemorySegment(seg, d + a0, ORDER);
                x3r.fma(t3, x3i.mul(t5)).intoMemorySegment(seg, a3, ORDER);
                x3r.fma(t4, x3i.mul(t3)).intoMemorySegment(seg, d + a3, ORDER);
                // Re = Σ ur·xr + Σ (−ui)·xi, Im = Σ ur·xi + Σ ui·xr over the two inputs
                x1r.fma(p6, x2r.fma(p9, x1i.fma(p8, x2i.mul(p11)))).intoMemorySegment(seg, a1, ORDER);
                x1i.fma(p6, x2i.fma(p9, x1r.fma(p7, x2r.mul(p10)))).intoMemorySegment(seg, d + a1, ORDER);
                x1r.fma(q12, x2r.fma(q15, x1i.fma(q14, x2i.mul(q17)))).intoMemorySegment(seg, a2, ORDER);
                x1i.fma(q12, x2i.fma(q15, x1r.fma(q13, x2r.mul(q16)))).intoMemorySegment(seg, d + a2, ORDER);
            }
            p = runEnd;
        }
    }

    /**
     * A real 4×4 that is two 2×2 blocks up to a row permutation (KernelOp#twoPairs): a fused
     * ladder block RY·CNOT is one. Each pair of outputs is a 2×2 of a pair of inputs, stored at
     * permuted addresses, so per group 16 multiply-adds and 8 coefficient broadcasts instead of the
     * dense real kernel's 32 and 16. All 8 loads come before the stores (the outputs overwrite
     * inputs of the other pair; and 4K aliasing between the halves, see OneQubitSweeps#scale).
     */
    static void pairs2HighReal(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] cf = op.pairCoef;
        long[] off = op.offsets;
        long i0 = off[op.pairCol[0]], i1 = off[op.pairCol[1]], i2 = off[op.pairCol[2]], i3 = off[op.pairCol[3]];
        long r0 = off[op.pairRow[0]], r1 = off[op.pairRow[1]], r2 = off[op.pairRow[2]], r3 = off[op.pairRow[3]];
        int lowest = op.inserted[0];
        if (lowest < PAIRS_FLAT_BELOW) {
            pairs2HighRealFlat(seg, dim, op, from, to);
            return;
        }
        for (long p = from << LOG_L, end = to << LOG_L; p < end; ) {
            long runEnd = Math.min(end, ((p >> lowest) + 1) << lowest);
            long first = op.indexOf(p), len = runEnd - p;
            for (long j = 0; j < len; j += L) {
                long a = first + j, ai = dim + a;
                DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, (a + i0) << 3, ORDER);
                DoubleVector br = DoubleVector.fromMemorySegment(S, seg, (a + i1) << 3, ORDER);
                DoubleVector cr = DoubleVector.fromMemorySegment(S, seg, (a + i2) << 3, ORDER);
                DoubleVector dr = DoubleVector.fromMemorySegment(S, seg, (a + i3) << 3, ORDER);
                DoubleVector ai0 = DoubleVector.fromMemorySegment(S, seg, (ai + i0) << 3, ORDER);
                DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (ai + i1) << 3, ORDER);
                DoubleVector ci = DoubleVector.fromMemorySegment(S, seg, (ai + i2) << 3, ORDER);
                DoubleVector di = DoubleVector.fromMemorySegment(S, seg, (ai + i3) << 3, ORDER);
                ar.fma(DoubleVector.broadcast(S, cf[0]), br.mul(DoubleVector.broadcast(S, cf[1]))).intoMemorySegment(seg, (a + r0) << 3, ORDER);
                ar.fma(DoubleVector.broadcast(S, cf[2]), br.mul(DoubleVector.broadcast(S, cf[3]))).intoMemorySegment(seg, (a + r1) << 3, ORDER);
                cr.fma(DoubleVector.broadcast(S, cf[4]), dr.mul(DoubleVector.broadcast(S, cf[5]))).intoMemorySegment(seg, (a + r2) << 3, ORDER);
                cr.fma(DoubleVector.broadcast(S, cf[6]), dr.mul(DoubleVector.broadcast(S, cf[7]))).intoMemorySegment(seg, (a + r3) << 3, ORDER);
                ai0.fma(DoubleVector.broadcast(S, cf[0]), bi.mul(DoubleVector.broadcast(S, cf[1]))).intoMemorySegment(seg, (ai + r0) << 3, ORDER);
                ai0.fma(DoubleVector.broadcast(S, cf[2]), bi.mul(DoubleVector.broadcast(S, cf[3]))).intoMemorySegment(seg, (ai + r1) << 3, ORDER);
                ci.fma(DoubleVector.broadcast(S, cf[4]), di.mul(DoubleVector.broadcast(S, cf[5]))).intoMemorySegment(seg, (ai + r2) << 3, ORDER);
                ci.fma(DoubleVector.broadcast(S, cf[6]), di.mul(DoubleVector.broadcast(S, cf[7]))).intoMemorySegment(seg, (ai + r3) << 3, ORDER);
            }
            p = runEnd;
        }
    }

    /**
     * Runs of consecutive groups are 2^lowest amplitudes long: for short runs the per-run set-up
     * cost more than the run (targets 3..6 measured 2–5× the cost of high targets), so below
     * 2^FLAT_BELOW the kernel walks the groups in one flat loop instead, stepping the index
     * branch-free past the skipped bits: a += L; a += a & 2^t0; a += a & 2^t1. (The flat loop
     * measured 1.3–1.5 sweeps for every target pair at n = 16, the run loop 1.1 for the highest.)
     * Re-measured at n = 15 (ns per amplitude, flat / run loop, RY): t = 7 0.127 / 0.122,
     * t = 8 0.125 / 0.096, t = 9 0.123 / 0.085; so RY takes the run loop from t = 8.
     */
    static final int FLAT_BELOW = LOG_L + 5;

    /**
     * {@link #FLAT_BELOW} for the paired kernel, measured the same way: t = 8 0.152–0.159 flat
     * against 0.140–0.150 for the run loop (within the noise), t = 9 0.149–0.153 against
     * 0.125–0.131, t = 7 0.154–0.156 against 0.186–0.194. A run loop with a cheaper step between
     * runs (the next run found by mask, no index insertion) measured the same as this one: the
     * set-up of C2's inner loop dominates short runs, not the index arithmetic.
     */
    static final int PAIRS_FLAT_BELOW = LOG_L + 6;

    /** {@link #pairs2HighReal} for a low first target: the flat loop, same arithmetic per group. */
    private static void pairs2HighRealFlat(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        long skip = (1L << op.inserted[0]) | (1L << op.inserted[1]);
        pairs2HighRealMasked(seg, dim, op, op.indexOf(from << LOG_L), to - from, skip, 0);
    }

    /**
     * {@link #pairs2HighReal} on {@code count} groups starting at amplitude index {@code a}, walking
     * the indices whose bits under {@code mask} equal {@code pattern}, in increasing order:
     * a ← ((a | mask) + L) &amp; ~mask | pattern (the add carries through the fixed bits). With mask =
     * the targets' bits this is the flat loop; with the middle qubits of a strided cache block added,
     * one call covers the whole block (VectorKernels#applyBlocked), instead of one per contiguous run.
     */
    static void pairs2HighRealMasked(MemorySegment seg, long dim, KernelOp op, long a, long count, long mask, long pattern) {
        double[] cf = op.pairCoef;
        long[] off = op.offsets;
        long i0 = off[op.pairCol[0]], i1 = off[op.pairCol[1]], i2 = off[op.pairCol[2]], i3 = off[op.pairCol[3]];
        long r0 = off[op.pairRow[0]], r1 = off[op.pairRow[1]], r2 = off[op.pairRow[2]], r3 = off[op.pairRow[3]];
        long keep = ~mask;
        for (long g = 0; g < count; g++) {
            long ai = dim + a;
            DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, (a + i0) << 3, ORDER);
            DoubleVector br = DoubleVector.fromMemorySegment(S, seg, (a + i1) << 3, ORDER);
            DoubleVector cr = DoubleVector.fromMemorySegment(S, seg, (a + i2) << 3, ORDER);
            DoubleVector dr = DoubleVector.fromMemorySegment(S, seg, (a + i3) << 3, ORDER);
            DoubleVector ai0 = DoubleVector.fromMemorySegment(S, seg, (ai + i0) << 3, ORDER);
            DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (ai + i1) << 3, ORDER);
            DoubleVector ci = DoubleVector.fromMemorySegment(S, seg, (ai + i2) << 3, ORDER);
            DoubleVector di = DoubleVector.fromMemorySegment(S, seg, (ai + i3) << 3, ORDER);
            ar.fma(DoubleVector.broadcast(S, cf[0]), br.mul(DoubleVector.broadcast(S, cf[1]))).intoMemorySegment(seg, (a + r0) << 3, ORDER);
            ar.fma(DoubleVector.broadcast(S, cf[2]), br.mul(DoubleVector.broadcast(S, cf[3]))).intoMemorySegment(seg, (a + r1) << 3, ORDER);
            cr.fma(DoubleVector.broadcast(S, cf[4]), dr.mul(DoubleVector.broadcast(S, cf[5]))).intoMemorySegment(seg, (a + r2) << 3, ORDER);
            cr.fma(DoubleVector.broadcast(S, cf[6]), dr.mul(DoubleVector.broadcast(S, cf[7]))).intoMemorySegment(seg, (a + r3) << 3, ORDER);
            ai0.fma(DoubleVector.broadcast(S, cf[0]), bi.mul(DoubleVector.broadcast(S, cf[1]))).intoMemorySegment(seg, (ai + r0) << 3, ORDER);
            ai0.fma(DoubleVector.broadcast(S, cf[2]), bi.mul(DoubleVector.broadcast(S, cf[3]))).intoMemorySegment(seg, (ai + r1) << 3, ORDER);
            ci.fma(DoubleVector.broadcast(S, cf[4]), di.mul(DoubleVector.broadcast(S, cf[5]))).intoMemorySegment(seg, (ai + r2) << 3, ORDER);
            ci.fma(DoubleVector.broadcast(S, cf[6]), di.mul(DoubleVector.broadcast(S, cf[7]))).intoMemorySegment(seg, (ai + r3) << 3, ORDER);
            a = (((a | mask) + L) & keep) | pattern;
        }
    }

    /**
     * A real 4×4 (products of RY, CNOT, SWAP, …, as fused blocks of such layers are): the real and
     * imaginary parts transform independently, half the arithmetic of the complex kernel.
     */
    static void dense2HighReal(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] u = op.matrix;
        long[] off = op.offsets;
        int lowest = op.inserted[0];
        for (long p = from << LOG_L, end = to << LOG_L; p < end; ) {
            long runEnd = Math.min(end, ((p >> lowest) + 1) << lowest);
            long first = op.indexOf(p), len = runEnd - p;
            for (long j = 0; j < len; j += L) {
                long a0 = first + j, a1 = a0 + off[1], a2 = a0 + off[2], a3 = a0 + off[3];
                DoubleVector x0r = DoubleVector.fromMemorySegment(S, seg, a0 << 3, ORDER);
                DoubleVector x1r = DoubleVector.fromMemorySegment(S, seg, a1 << 3, ORDER);
                DoubleVector x2r = DoubleVector.fromMemorySegment(S, seg, a2 << 3, ORDER);
                DoubleVector x3r = DoubleVector.fromMemorySegment(S, seg, a3 << 3, ORDER);
                DoubleVector x0i = DoubleVector.fromMemorySegment(S, seg, (dim + a0) << 3, ORDER);
                DoubleVector x1i = DoubleVector.fromMemorySegment(S, seg, (dim + a1) << 3, ORDER);
                DoubleVector x2i = DoubleVector.fromMemorySegment(S, seg, (dim + a2) << 3, ORDER);
                DoubleVector x3i = DoubleVector.fromMemorySegment(S, seg, (dim + a3) << 3, ORDER);
                for (int row = 0; row < 4; row++) {
                    int r = 8 * row;
                    long at = a0 + off[row];
                    DoubleVector u0 = DoubleVector.broadcast(S, u[r]), u1 = DoubleVector.broadcast(S, u[r + 2]);
                    DoubleVector u2 = DoubleVector.broadcast(S, u[r + 4]), u3 = DoubleVector.broadcast(S, u[r + 6]);
                    x0r.fma(u0, x1r.fma(u1, x2r.fma(u2, x3r.mul(u3)))).intoMemorySegment(seg, at << 3, ORDER);
                    x0i.fma(u0, x1i.fma(u1, x2i.fma(u2, x3i.mul(u3)))).intoMemorySegment(seg, (dim + at) << 3, ORDER);
                }
            }
            p = runEnd;
        }
    }

    /**
     * The general engine (see KernelOp#buildGenericTable for the table). Each group gathers its
     * 2^kh vectors, and their lane-shuffled copies for every low-target pattern, into the per-thread
     * scratch, then writes each output vector once as a sum over that scratch.
     */
    static void generic(MemorySegment seg, long dim, KernelOp op, long from, long to, double[] work) {
        if (op.kh == 0) {
            if (op.kl == 1) lowPairs(seg, dim, op, from, to);
            else if (op.kl == 2 && op.real) lowQuadsReal(seg, dim, op, from, to);
            else if (op.kl == 2) lowQuads(seg, dim, op, from, to);
            else lowOnly(seg, dim, op, from, to);
            return;
        }
        if (op.kh == 1 && op.kl == 1) {
            if (op.real && op.keepsLowTargets) mixedPairRealKeepingLow(seg, dim, op, from, to);
            else if (op.real) mixedPairReal(seg, dim, op, from, to);
            else mixedPair(seg, dim, op, from, to);
            return;
        }
        table(seg, dim, op, from, to, work);
    }

    /**
     * Any other shape: each group's vectors (and their lane-shuffled copies) through the scratch
     * array, then the coefficient table. A method of its own, not the tail of {@link #generic}: with
     * the dispatch and this loop in one method, a program that called it first on lane qubits only
     * got a recompilation past C2's inlining budget once other shapes came, which boxed every vector
     * (1.6 MB per call of a controlled 2×2 on (2, 3) at n = 16; MixedPositionAllocationTest).
     */
    private static void table(MemorySegment seg, long dim, KernelOp op, long from, long to, double[] work) {
        int m = 1 << op.kh, xs = 1 << op.kl, n = m * xs;
        long[] off = op.offsets;
        int[] laneX = op.laneX;
        double[] tab = op.table, u = op.matrix;
        boolean uniform = op.uniform;
        for (long g = from; g < to; g++) {
            long base = op.base(g);
            for (int h = 0; h < m; h++) {
                long idx = base + off[h];
                DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, idx << 3, ORDER);
                DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + idx) << 3, ORDER);
                int o = h * xs * 2 * L;
                vr.intoArray(work, o);
                vi.intoArray(work, o + L);
                for (int x = 1; x < xs; x++) {
                    o += 2 * L;
                    vr.rearrange(Lanes.xor(laneX[x])).intoArray(work, o);
                    vi.rearrange(Lanes.xor(laneX[x])).intoArray(work, o + L);
                }
            }
            for (int ho = 0; ho < m; ho++) {
                DoubleVector accR = DoubleVector.zero(S), accR2 = DoubleVector.zero(S), accI = DoubleVector.zero(S);
                if (uniform) {
                    int row = 2 * ho * m;
                    for (int j = 0; j < n; j++) {
                        DoubleVector ur = DoubleVector.broadcast(S, u[row + 2 * j]), ui = DoubleVector.broadcast(S, u[row + 2 * j + 1]);
                        DoubleVector xr = DoubleVector.fromArray(S, work, 2 * j * L), xi = DoubleVector.fromArray(S, work, 2 * j * L + L);
                        accR = xr.fma(ur, accR);
                        accR2 = xi.fma(ui, accR2);
                        accI = xr.fma(ui, xi.fma(ur, accI));
                    }
                } else {
                    int t = ho * n * 2 * L;
                    for (int j = 0; j < n; j++, t += 2 * L) {
                        DoubleVector tr = DoubleVector.fromArray(S, tab, t), ti = DoubleVector.fromArray(S, tab, t + L);
                        DoubleVector xr = DoubleVector.fromArray(S, work, 2 * j * L), xi = DoubleVector.fromArray(S, work, 2 * j * L + L);
                        accR = xr.fma(tr, accR);
                        accR2 = xi.fma(ti, accR2);
                        accI = xr.fma(ti, xi.fma(tr, accI));
                    }
                }
                long idx = base + off[ho];
                accR.sub(accR2).intoMemorySegment(seg, idx << 3, ORDER);
                accI.intoMemorySegment(seg, (dim + idx) << 3, ORDER);
            }
        }
    }

    /** All targets inside one vector: out = Σ_x T[x] ⊙ shuffle(v, lane ^ laneXor(x)), no scratch round trip. */
    static void lowOnly(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        int xs = 1 << op.kl;
        int[] laneX = op.laneX;
        double[] tab = op.table;
        for (long g = from; g < to; g++) {
            long i = op.base(g);
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            DoubleVector tr = DoubleVector.fromArray(S, tab, 0), ti = DoubleVector.fromArray(S, tab, L);
            DoubleVector accR = vr.mul(tr), accR2 = vi.mul(ti), accI = vr.fma(ti, vi.mul(tr));
            for (int x = 1; x < xs; x++) {
                DoubleVector wr = vr.rearrange(Lanes.xor(laneX[x])), wi = vi.rearrange(Lanes.xor(laneX[x]));
                tr = DoubleVector.fromArray(S, tab, 2 * x * L);
                ti = DoubleVector.fromArray(S, tab, 2 * x * L + L);
                accR = wr.fma(tr, accR);
                accR2 = wi.fma(ti, accR2);
                accI = wr.fma(ti, wi.fma(tr, accI));
            }
            accR.sub(accR2).intoMemorySegment(seg, i << 3, ORDER);
            accI.intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /** One low target (e.g. a controlled gate whose target is low): two terms, everything hoisted. */
    static void lowPairs(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        VectorShuffle<Double> s1 = Lanes.xor(op.laneX[1]);
        DoubleVector t0r = DoubleVector.fromArray(S, t, 0);
        DoubleVector t0i = DoubleVector.fromArray(S, t, L);
        DoubleVector t1r = DoubleVector.fromArray(S, t, 2 * L);
        DoubleVector t1i = DoubleVector.fromArray(S, t, 3 * L);
        for (long g = from; g < to; g++) {
            long i = op.base(g);
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            DoubleVector w1r = vr.rearrange(s1), w1i = vi.rearrange(s1);
            vr.fma(t0r, w1r.mul(t1r)).sub(vi.fma(t0i, w1i.mul(t1i))).intoMemorySegment(seg, i << 3, ORDER);
            vi.fma(t0r, w1i.fma(t1r, vr.fma(t0i, w1r.mul(t1i)))).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /** Two low targets (dense 4×4 on qubits 0–2): four shuffled terms per vector, everything hoisted. */
    static void lowQuads(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        VectorShuffle<Double> s1 = Lanes.xor(op.laneX[1]), s2 = Lanes.xor(op.laneX[2]), s3 = Lanes.xor(op.laneX[3]);
        DoubleVector t0r = DoubleVector.fromArray(S, t, 0);
        DoubleVector t0i = DoubleVector.fromArray(S, t, L);
        DoubleVector t1r = DoubleVector.fromArray(S, t, 2 * L);
        DoubleVector t1i = DoubleVector.fromArray(S, t, 3 * L);
        DoubleVector t2r = DoubleVector.fromArray(S, t, 4 * L);
        DoubleVector t2i = DoubleVector.fromArray(S, t, 5 * L);
        DoubleVector t3r = DoubleVector.fromArray(S, t, 6 * L);
        DoubleVector t3i = DoubleVector.fromArray(S, t, 7 * L);
        for (long g = from; g < to; g++) {
            long i = op.base(g);
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            DoubleVector w1r = vr.rearrange(s1), w1i = vi.rearrange(s1);
            DoubleVector w2r = vr.rearrange(s2), w2i = vi.rearrange(s2);
            DoubleVector w3r = vr.rearrange(s3), w3i = vi.rearrange(s3);
            vr.fma(t0r, w1r.fma(t1r, w2r.fma(t2r, w3r.mul(t3r))))
                    .sub(vi.fma(t0i, w1i.fma(t1i, w2i.fma(t2i, w3i.mul(t3i))))).intoMemorySegment(seg, i << 3, ORDER);
            vi.fma(t0r, w1i.fma(t1r, w2i.fma(t2r, w3i.fma(t3r,
                    vr.fma(t0i, w1r.fma(t1i, w2r.fma(t2i, w3r.mul(t3i)))))))).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /** {@link #lowQuads} for a real matrix (fused RY/CNOT blocks on qubits 0–2): re and im alike, half the arithmetic. */
    static void lowQuadsReal(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        VectorShuffle<Double> s1 = Lanes.xor(op.laneX[1]), s2 = Lanes.xor(op.laneX[2]), s3 = Lanes.xor(op.laneX[3]);
        DoubleVector t0 = DoubleVector.fromArray(S, t, 0);
        DoubleVector t1 = DoubleVector.fromArray(S, t, 2 * L);
        DoubleVector t2 = DoubleVector.fromArray(S, t, 4 * L);
        DoubleVector t3 = DoubleVector.fromArray(S, t, 6 * L);
        for (long g = from; g < to; g++) {
            long i = op.base(g);
            DoubleVector vr = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER);
            DoubleVector vi = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            vr.fma(t0, vr.rearrange(s1).fma(t1, vr.rearrange(s2).fma(t2, vr.rearrange(s3).mul(t3)))).intoMemorySegment(seg, i << 3, ORDER);
            vi.fma(t0, vi.rearrange(s1).fma(t1, vi.rearrange(s2).fma(t2, vi.rearrange(s3).mul(t3)))).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /**
     * {@link #mixedPair} for a real matrix: 8 coefficient vectors instead of 16, half the
     * arithmetic. The group index steps by mask past the high target's bit and any high controls
     * (runs of one vector when the target is qubit 3) instead of a per-group {@code base} call. The 8
     * coefficient vectors are loaded once and the Vector API calls written out (see MuxSweeps for
     * why): a fused ladder block on (2, 3) went from 0.53–0.69 to 0.35–0.41 sweeps per pass
     * (thread CPU time, n = 24, 2^16-amplitude blocks, two runs each).
     */
    static void mixedPairReal(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        long o1 = op.offsets[1];
        VectorShuffle<Double> s1 = Lanes.xor(op.laneX[1]);
        // the group index steps past the skipped bits by mask, as in mixedPair (controls set to 1)
        long mask = op.skipMask(), keep = ~mask, pattern = op.setBits;
        long z = op.base(from);
        long d = dim << 3, b1 = o1 << 3;
        DoubleVector t0 = DoubleVector.fromArray(S, t, 0);
        DoubleVector t1 = DoubleVector.fromArray(S, t, 2 * L);
        DoubleVector t2 = DoubleVector.fromArray(S, t, 4 * L);
        DoubleVector t3 = DoubleVector.fromArray(S, t, 6 * L);
        DoubleVector u0 = DoubleVector.fromArray(S, t, 8 * L);
        DoubleVector u1 = DoubleVector.fromArray(S, t, 10 * L);
        DoubleVector u2 = DoubleVector.fromArray(S, t, 12 * L);
        DoubleVector u3 = DoubleVector.fromArray(S, t, 14 * L);
        for (long g = from; g < to; g++) {
            long c0 = z << 3, c1 = c0 + b1;
            z = (((z | mask) + L) & keep) | pattern;
            DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, c0, ORDER), ai = DoubleVector.fromMemorySegment(S, seg, d + c0, ORDER);
            DoubleVector br = DoubleVector.fromMemorySegment(S, seg, c1, ORDER), bi = DoubleVector.fromMemorySegment(S, seg, d + c1, ORDER);
            DoubleVector as = ar.rearrange(s1), bs = br.rearrange(s1), ais = ai.rearrange(s1), bis = bi.rearrange(s1);
            ar.fma(t0, as.fma(t1, br.fma(t2, bs.mul(t3)))).intoMemorySegment(seg, c0, ORDER);
            ai.fma(t0, ais.fma(t1, bi.fma(t2, bis.mul(t3)))).intoMemorySegment(seg, d + c0, ORDER);
            ar.fma(u0, as.fma(u1, br.fma(u2, bs.mul(u3)))).intoMemorySegment(seg, c1, ORDER);
            ai.fma(u0, ais.fma(u1, bi.fma(u2, bis.mul(u3)))).intoMemorySegment(seg, d + c1, ORDER);
        }
    }

    /**
     * {@link #mixedPairReal} for a matrix that never changes its low target (KernelOp#keepsLowTargets):
     * per lane a real 2×2 on the high target, so two terms per output and no shuffles. A fused
     * ladder block RY(3)·CX(2, 3) is one.
     */
    static void mixedPairRealKeepingLow(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        long o1 = op.offsets[1];
        long mask = op.skipMask(), keep = ~mask, pattern = op.setBits;
        long z = op.base(from);
        long d = dim << 3, b1 = o1 << 3;
        DoubleVector t0 = DoubleVector.fromArray(S, t, 0);
        DoubleVector t2 = DoubleVector.fromArray(S, t, 4 * L);
        DoubleVector u0 = DoubleVector.fromArray(S, t, 8 * L);
        DoubleVector u2 = DoubleVector.fromArray(S, t, 12 * L);
        for (long g = from; g < to; g++) {
            long c0 = z << 3, c1 = c0 + b1;
            z = (((z | mask) + L) & keep) | pattern;
            DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, c0, ORDER), ai = DoubleVector.fromMemorySegment(S, seg, d + c0, ORDER);
            DoubleVector br = DoubleVector.fromMemorySegment(S, seg, c1, ORDER), bi = DoubleVector.fromMemorySegment(S, seg, d + c1, ORDER);
            br.fma(t2, ar.mul(t0)).intoMemorySegment(seg, c0, ORDER);
            bi.fma(t2, ai.mul(t0)).intoMemorySegment(seg, d + c0, ORDER);
            br.fma(u2, ar.mul(u0)).intoMemorySegment(seg, c1, ORDER);
            bi.fma(u2, ai.mul(u0)).intoMemorySegment(seg, d + c1, ORDER);
        }
    }

    /** One low and one high target (e.g. a 4×4 on qubits 2 and 3): two vectors, four terms per output. */
    static void mixedPair(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] t = op.table;
        long o1 = op.offsets[1];
        VectorShuffle<Double> s1 = Lanes.xor(op.laneX[1]);
        // table order ((hOut·2 + hIn)·2 + x): terms of out0 are entries 0..3, of out1 entries 4..7.
        // The 16 coefficient vectors are re-read from the (L1) table per use: hoisting all of them
        // beside the 8 data vectors ran C2 out of registers and it boxed the vectors (5× slower).
        // the group index steps past the skipped bits (high target, high controls set to 1) by
        // mask, as in pairs2HighRealMasked: no KernelOp#base call per group (measured: with one,
        // even untaken, a dense 4×4 on (2,3) took 1.4–1.8× the high-target time at n = 20; without
        // it, 1.25–1.35×: probably the call, spilling the vectors around it)
        long mask = op.skipMask(), keep = ~mask, pattern = op.setBits;
        long z = op.base(from);
        for (long g = from; g < to; g++) {
            long i0 = z, i1 = i0 + o1;
            z = (((z | mask) + L) & keep) | pattern;
            DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, i0 << 3, ORDER);
            DoubleVector ai = DoubleVector.fromMemorySegment(S, seg, (dim + i0) << 3, ORDER);
            DoubleVector br = DoubleVector.fromMemorySegment(S, seg, i1 << 3, ORDER);
            DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (dim + i1) << 3, ORDER);
            DoubleVector asr = ar.rearrange(s1), asi = ai.rearrange(s1), bsr = br.rearrange(s1), bsi = bi.rearrange(s1);
            for (int ho = 0; ho < 2; ho++) {
                int e = 8 * ho;
                DoubleVector t0r = DoubleVector.fromArray(S, t, e * L);
                DoubleVector t0i = DoubleVector.fromArray(S, t, (e + 1) * L);
                DoubleVector t1r = DoubleVector.fromArray(S, t, (e + 2) * L);
                DoubleVector t1i = DoubleVector.fromArray(S, t, (e + 3) * L);
                DoubleVector t2r = DoubleVector.fromArray(S, t, (e + 4) * L);
                DoubleVector t2i = DoubleVector.fromArray(S, t, (e + 5) * L);
                DoubleVector t3r = DoubleVector.fromArray(S, t, (e + 6) * L);
                DoubleVector t3i = DoubleVector.fromArray(S, t, (e + 7) * L);
                long at = ho == 0 ? i0 : i1;
                ar.fma(t0r, asr.fma(t1r, br.fma(t2r, bsr.mul(t3r))))
                        .sub(ai.fma(t0i, asi.fma(t1i, bi.fma(t2i, bsi.mul(t3i))))).intoMemorySegment(seg, at << 3, ORDER);
                ai.fma(t0r, asi.fma(t1r, bi.fma(t2r, bsi.fma(t3r,
                        ar.fma(t0i, asr.fma(t1i, br.fma(t2i, bsr.mul(t3i)))))))).intoMemorySegment(seg, (dim + at) << 3, ORDER);
            }
        }
    }
}
