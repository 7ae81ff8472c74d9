package org.qff.simulator.gradient;

import static org.qff.simulator.gradient.AdjointSweeps.ACC;
import static org.qff.simulator.gradient.AdjointSweeps.L;
import static org.qff.simulator.gradient.AdjointSweeps.LOG_L;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateKind;

/**
 * The first-order backward pass of adjoint differentiation, fused and cache-blocked.
 *
 * <p><b>Fused steps.</b> Each step reads and writes ψ and λ once, doing in that one pass what would
 * otherwise be separate sweeps (un-apply U on ψ, the derivative elements, U† on λ):
 * <ul>
 *   <li>a run of one-qubit gates on one qubit (parameterised or fixed, up to {@value #MAX_RUN}): with
 *       W_r the product of the run's gates after gate k−r, every derivative element is
 *       Re⟨λ_(k−r)|∂U·U†|ψ_(k−r)⟩ = Re⟨λ_k|W_r ∂U U† W_r†|ψ_k⟩, so all of them come from the outer
 *       products Σ conj(λ_r)ψ_c of the states at the start of the run (only the four real sums an
 *       anti-Hermitian W_r ∂U U† W_r† needs, {@link AdjointSweeps#element}), and ψ and λ are
 *       un-computed by the single 2×2 matrix W†. A run with nothing after it on its qubit (the
 *       circuit's first gates there) skips that update (see the constructor);</li>
 *   <li>fixed diagonal gates (CZ, controlled phases with constant angle, …), consecutive ones merged
 *       into one diagonal: one multiply of both states (real diagonals from a table of signs).</li>
 * </ul>
 * Other gates (two-qubit parameterised and non-diagonal fixed gates) stay with
 * {@link AdjointEvaluator}'s per-gate code and split the pass into segments.
 *
 * <p><b>Cache blocks.</b> Steps form a segment whose qubits all lie in a block's qubits (steps are
 * moved past items they commute with to fill segments, see the constructor);
 * the segment is then applied one block of both states at a time (all its steps on block 0, then on
 * block 1, …), so a segment costs one pass over memory instead of one per step. A block is the set of
 * amplitudes agreeing on the "middle" qubits [c1, h): 2^c1 contiguous amplitudes times 2^(n−h) runs,
 * addressed by the sweeps through a virtual index ({@link AdjointSweeps#at}), so a call covers a
 * whole block or sub-block however short its runs. Two shapes are tried: low blocks [0, c) and split
 * blocks [0, c − b) ∪ [n − b, n) with b high qubits (b chosen so that the two shapes overlap by two
 * qubits, so a nearest-neighbour gate always fits one); a segment whose qubits fit neither is applied
 * to the whole state as one block. Inside a block, consecutive steps whose targets lie in the low
 * {@value #SUB_QUBITS} virtual qubits are applied one L1-sized sub-block at a time. Derivative
 * elements are summed over blocks, runs and chunks in a fixed order: the result does not depend on
 * timing, only on the block size (blocked and whole-state agree to rounding, ~1e-15).
 */
final class BackwardPass {
    /** Default block: 2^14 amplitudes = 256 KiB per state, so the two states' block (512 KiB) stays in L2. */
    static final int DEFAULT_BLOCK_QUBITS = 14;
    static final int MAX_RUN = 16;
    /** Merged diagonals span at most this many consecutive qubits at or above log2(lanes) (table of 2^span × L complex). */
    static final int MAX_DIAGONAL_SPAN = 7;
    /** Amplitudes per chunk of a span: products then update re-read the chunk from L1 (8 × 512 × 8 B = 32 KiB). */
    private static final int CHUNK = 512;
    private static final int CHUNK_GROUPS = CHUNK / (2 * L);
    /**
     * Sub-blocks of 2^10 amplitudes (ψ and λ: 32 KiB, in L1): consecutive steps whose targets lie
     * inside them are applied one sub-block at a time, so they cost one read of the block from L2.
     */
    static final int SUB_QUBITS = 10;

    /** Items looked ahead when filling a segment (bounds the construction cost on long circuits). */
    private static final int LOOKAHEAD = 4096;

    private final CompiledCircuit cc;
    private final int n;
    /** The first-order backward pass: see {@link #action}. */
    private final int[] schedule;
    private final Segment[] segments;
    private final int lowC, splitC1, splitH;

    // scratch for building a run's matrices
    private final double[] w = new double[8], t = new double[8], t2 = new double[8], u = new double[8], uDag = new double[8], d = new double[8];

    BackwardPass(CompiledCircuit cc, int blockQubits) {
        this.cc = cc;
        this.n = cc.qubits();
        int c = Math.max(LOG_L + 2, blockQubits);
        if (n <= c) {
            lowC = n;
            splitC1 = n;
            splitH = n;
        } else {
            lowC = c;
            int b = Math.min(n - c + 2, c - LOG_L);
            splitC1 = c - b;
            splitH = n - b;
        }
        // the backward pass's items in order: fused steps, and gates left to the evaluator (Integer)
        List<Object> items = new ArrayList<>();
        for (int k = cc.size() - 1; k >= 0; ) {
            Step st = n < LOG_L ? null : classify(k); // a state smaller than one vector: every gate per gate
            if (st == null) {
                items.add(k--);
            } else {
                items.add(st);
                k -= st.length;
            }
        }
        // Greedy list scheduling into segments: starting from the first item not yet scheduled, take
        // every later step that fits the segment's block and commutes with the items skipped so far
        // (then moving it before them changes neither the states nor its derivative elements): a step
        // commutes with an item acting on none of its qubits, and a fixed diagonal with another one
        // whatever their qubits. In a hardware-efficient circuit this puts the CZs and one-qubit
        // gates on the top qubits of a layer in one split-block segment and the rest, with the
        // lower CZs and one-qubit gates of the layer before, in one low-block segment.
        List<Integer> actions = new ArrayList<>();
        List<Segment> segs = new ArrayList<>();
        boolean[] done = new boolean[items.size()];
        long all = n >= 63 ? -1L : (1L << n) - 1;
        for (int first = 0; first < items.size(); first++) {
            if (done[first]) continue;
            if (items.get(first) instanceof Integer k) {
                actions.add(k);
                continue;
            }
            Segment seg = new Segment();
            // qubits of the skipped items, and of the skipped items other than fixed diagonal steps
            long blocked = 0, blockedNonDiagonal = 0;
            for (int i = first; i < items.size() && i < first + LOOKAHEAD && blockedNonDiagonal != all; i++) {
                if (done[i]) continue;
                Object x = items.get(i);
                long m = x instanceof Step st ? st.mask : gateMask((Integer) x);
                boolean diagonal = x instanceof Step st && st.kind == Step.DIAGONAL;
                long conflicts = m & (diagonal ? blockedNonDiagonal : blocked);
                if (conflicts == 0 && x instanceof Step st && (seg.steps.isEmpty() || canAppend(seg.mask, m))) {
                    seg.steps.add(st);
                    seg.mask |= m;
                    done[i] = true;
                } else {
                    blocked |= m;
                    if (!diagonal) blockedNonDiagonal |= m;
                }
            }
            close(seg);
            actions.add(-1 - segs.size());
            segs.add(seg);
        }
        schedule = actions.stream().mapToInt(Integer::intValue).toArray();
        segments = segs.toArray(new Segment[0]);
        // A run with nothing after it on its qubit (in pass order; the circuit's first gates on that
        // qubit) need not update the states: every later step is a unitary applied to both ψ and λ on
        // other qubits, and its derivative elements sum conj(λ)ψ over all amplitudes, in which the
        // run's V (the same unitary on both states, on the summed qubit) cancels. Nothing reads ψ or
        // λ after the pass. Such a step only forms its products: a third of the work.
        long later = 0;
        for (int i = schedule.length - 1; i >= 0; i--) {
            if (schedule[i] >= 0) {
                later |= gateMask(schedule[i]);
                continue;
            }
            Step[] st = segments[-1 - schedule[i]].stepArray;
            for (int j = st.length - 1; j >= 0; j--) {
                if (st[j].kind == Step.RUN && (later & st[j].mask) == 0) st[j].productsOnly = true;
                later |= st[j].mask;
            }
        }
    }

    /** Steps that only form their products (see the constructor): for tests and diagnostics. */
    int productOnlySteps() {
        int c = 0;
        for (Segment s : segments) for (Step st : s.stepArray) if (st.productsOnly) c++;
        return c;
    }

    /** Number of actions of the first-order backward pass. */
    int actions() {
        return schedule.length;
    }

    /** Action i: a gate index ≥ 0 (handled per gate by the evaluator) or −1 − (segment index) (see {@link #run}). */
    int action(int i) {
        return schedule[i];
    }

    private long gateMask(int k) {
        long m = 0;
        for (int q : cc.gates[k].qubits()) m |= 1L << q;
        return m;
    }

    private boolean fits(long mask, int c1, int h) {
        long middle = ((1L << h) - 1) & ~((1L << c1) - 1);
        return (mask & middle) == 0;
    }

    private boolean fitsBlock(long mask) {
        return fits(mask, lowC, n) || fits(mask, splitC1, splitH);
    }

    private boolean canAppend(long segMask, long stepMask) {
        if (fitsBlock(segMask | stepMask)) return true;
        return !fitsBlock(segMask) && !fitsBlock(stepMask); // both whole-state: still one fused pass
    }

    private void close(Segment s) {
        if (s == null) return;
        if (fits(s.mask, lowC, n)) {
            s.c1 = lowC;
            s.h = n;
        } else if (fits(s.mask, splitC1, splitH)) {
            s.c1 = splitC1;
            s.h = splitH;
        } else {
            s.c1 = n;
            s.h = n;
        }
        for (Step st : s.steps) st.vq = st.kind == Step.DIAGONAL ? -1 : st.qubit < s.c1 ? st.qubit : st.qubit - s.h + s.c1;
        s.finish();
    }

    private boolean oneQubit(int k) {
        return cc.gates[k].qubits().length == 1;
    }

    private Step classify(int k) {
        Gate g = cc.gates[k];
        if (oneQubit(k)) {
            int q = g.qubits()[0];
            int len = 1;
            while (len < MAX_RUN && k - len >= 0 && oneQubit(k - len) && cc.gates[k - len].qubits()[0] == q) len++;
            return new Step(k, len, q);
        }
        if (!diagonal(k)) return null;
        // consecutive fixed diagonal gates commute and multiply into one diagonal: one pass for all
        // of them, as long as their qubits at or above log2(lanes) span few enough consecutive qubits
        // for a small table (at most 2^MAX_DIAGONAL_SPAN rows of L complex factors)
        long mask = 0;
        int len = 0;
        while (k - len >= 0 && diagonal(k - len)) {
            long m = mask;
            for (int q : cc.gates[k - len].qubits()) m |= 1L << q;
            long high = m & ~((1L << LOG_L) - 1);
            int span = high == 0 ? 0 : 64 - Long.numberOfLeadingZeros(high) - Long.numberOfTrailingZeros(high);
            if (span > MAX_DIAGONAL_SPAN || (len > 0 && fitsBlock(mask) && !fitsBlock(m))) break;
            mask = m;
            len++;
        }
        return len == 0 ? null : new Step(k, len, mask); // len 0: a lone gate's table would be too large
    }

    /** Gate k is fixed and its matrix diagonal. */
    private boolean diagonal(int k) {
        if (cc.parametric[k] || cc.gates[k].qubits().length > 5 || cc.gates[k].kind() == GateKind.I) return false;
        double[] m = cc.inverses[k].matrix(Bindings.NONE);
        int dim = 1 << cc.gates[k].qubits().length;
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                if (r != c && (m[2 * (r * dim + c)] != 0 || m[2 * (r * dim + c) + 1] != 0)) return false;
            }
        }
        return true;
    }

    /**
     * Runs the segment of action a (a < 0) on ψ and λ: it un-computes its gates and chains every
     * derivative element of them into gT, gX. argVals[k] holds gate k's argument values from the
     * forward pass.
     */
    void run(int a, StateVector psi, StateVector lambda, double[][] argVals, Bindings b, double[] gT, double[] gX) {
        Segment s = segments[-1 - a];
        for (Step st : s.steps) if (st.kind == Step.RUN) prepareRun(st, argVals);
        MemorySegment ps = psi.segment(), ls = lambda.segment();
        long dim = psi.dimension();
        int c1 = s.c1, h = s.h, gap = h - c1, bits = c1 + n - h, sub = Math.min(bits, SUB_QUBITS);
        long blocks = 1L << gap, lowMask = (1L << c1) - 1, size = 1L << bits, subSize = 1L << sub;
        Step[] steps = s.stepArray;
        for (long blk = 0; blk < blocks; blk++) {
            long base = blk << c1;
            for (int i = 0; i < steps.length; ) {
                int j = i;
                while (j < steps.length && steps[j].vq < sub) j++;
                if (j > i) {
                    // steps i..j−1 stay inside sub-blocks of the block: all of them on one sub-block
                    // (in L1), then the next
                    for (long v = 0; v < size; v += subSize) {
                        for (int x = i; x < j; x++) apply(steps[x], ps, ls, dim, base, lowMask, gap, v, v + subSize);
                    }
                    i = j;
                } else {
                    // a target above the sub-block: products, then update, chunk by chunk (re-read from L1)
                    Step st = steps[i++];
                    long groups = size >> (LOG_L + 1);
                    for (long from = 0; from < groups; from += CHUNK_GROUPS) {
                        pairs(st, ps, ls, dim, base, lowMask, gap, from, Math.min(groups, from + CHUNK_GROUPS));
                    }
                }
            }
        }
        for (Step st : steps) {
            for (int i = 0; i < st.count; i++) {
                double e = AdjointSweeps.element(st.acc, 0, st.qubit, st.g, 8 * i);
                ExprCalculus.accumulate(cc.gates[st.gateOf[i]].args()[st.argOf[i]], b, 2 * e, gT, gX);
            }
        }
    }

    /** Step st on the virtual span [from, to) of a block, which holds the partners of its amplitudes. */
    private static void apply(Step st, MemorySegment ps, MemorySegment ls, long dim, long base, long lowMask, int gap, long from, long to) {
        if (st.kind == Step.DIAGONAL && st.realTable != null) {
            AdjointSweeps.realDiagonal(ps, ls, dim, base, lowMask, gap, from, to, st.shift, st.highMask, st.realTable);
        } else if (st.kind == Step.DIAGONAL) {
            AdjointSweeps.diagonal(ps, ls, dim, base, lowMask, gap, from, to, st.shift, st.highMask, st.table);
        } else if (st.qubit >= LOG_L) {
            pairs(st, ps, ls, dim, base, lowMask, gap, from >> (LOG_L + 1), to >> (LOG_L + 1));
        } else {
            if (st.count > 0) AdjointSweeps.laneProducts(ps, ls, dim, base, lowMask, gap, st.qubit, from, to, st.acc, 0);
            if (!st.productsOnly) AdjointSweeps.laneUpdate(ps, ls, dim, base, lowMask, gap, st.qubit, from, to, st.v, 0);
        }
    }

    /** Groups [from, to) of a block for a high-target step (see {@link AdjointSweeps#pairProducts}). */
    private static void pairs(Step st, MemorySegment ps, MemorySegment ls, long dim, long base, long lowMask, int gap, long from, long to) {
        double[] v = st.v;
        long delta = 1L << st.qubit;
        if (st.count > 0) AdjointSweeps.pairProducts(ps, ls, dim, base, lowMask, gap, st.vq, delta, from, to, st.acc, 0);
        if (!st.productsOnly) AdjointSweeps.pairUpdate(ps, ls, dim, base, lowMask, gap, st.vq, delta, from, to, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** V = W† of the run and G_i = W_r ∂U U† W_r† for every derivative element; clears the accumulators. */
    private void prepareRun(Step st, double[][] argVals) {
        identity2(w);
        identity2(st.v);
        java.util.Arrays.fill(st.acc, 0);
        int count = 0;
        for (int r = 0; r < st.length; r++) {
            int k = st.firstGate - r;
            GateKind kind = cc.gates[k].kind();
            if (st.fixed[r] != null) {
                System.arraycopy(st.fixed[r], 0, u, 0, 8);
            } else {
                GateDerivatives.fill(kind, argVals[k], -1, -1, u);
            }
            LocalMatrices.adjoint(u, 2, uDag);
            if (cc.differentiable[k]) {
                Expr[] e = cc.gates[k].args();
                for (int j = 0; j < e.length; j++) {
                    if (!cc.argHasSymbols[k][j]) continue;
                    GateDerivatives.fill(kind, argVals[k], j, -1, d);
                    LocalMatrices.multiply(d, uDag, 2, t2);      // G = ∂U·U†
                    LocalMatrices.multiply(w, t2, 2, t);         // W·G
                    LocalMatrices.adjoint(w, 2, t2);             // W†
                    LocalMatrices.multiply(t, t2, 2, d);         // W·G·W†
                    System.arraycopy(d, 0, st.g, 8 * count++, 8);
                }
            }
            LocalMatrices.multiply(w, u, 2, t);                  // W ← W·U
            System.arraycopy(t, 0, w, 0, 8);
            LocalMatrices.multiply(uDag, st.v, 2, t);            // W† ← U†·W†
            System.arraycopy(t, 0, st.v, 0, 8);
        }
    }

    private static void identity2(double[] m) {
        java.util.Arrays.fill(m, 0, 8, 0);
        m[0] = 1;
        m[6] = 1;
    }

    /** Segments by block shape, {low, split, whole state}, and steps in them: for tests and diagnostics. */
    int[] shapeCounts() {
        int[] c = new int[4];
        for (Segment s : segments) {
            c[s.h == n && s.c1 == n ? 2 : s.h == n ? 0 : 1]++;
            c[3] += s.stepArray.length;
        }
        return c;
    }

    /** Steps applied block by block. */
    static final class Segment {
        long mask;
        int c1, h;
        final List<Step> steps = new ArrayList<>();
        Step[] stepArray;

        void finish() {
            stepArray = steps.toArray(new Step[0]);
        }
    }

    /** A fused run of one-qubit gates, or a fixed diagonal gate, with its per-evaluation buffers. */
    final class Step {
        static final int RUN = 0, DIAGONAL = 1;
        final int kind, firstGate, length;
        final long mask;
        // RUN
        final int qubit, count;
        /** A run whose update of ψ and λ can be skipped (nothing after it acts on its qubit). */
        boolean productsOnly;
        /** The target's qubit in its segment's block (virtual index, see {@link AdjointSweeps#at}); −1 for a diagonal. */
        int vq;
        final int[] gateOf, argOf;
        final double[][] fixed;
        final double[] v, g, acc;
        // DIAGONAL
        final int shift;
        final long highMask;
        final double[] table;
        /** For a real diagonal (CZ ladders, Z): table[L·p + l] = the factor, else null. */
        final double[] realTable;

        /** The run of gates k, k−1, …, k−len+1 on qubit q. */
        Step(int k, int len, int q) {
            kind = RUN;
            firstGate = k;
            length = len;
            qubit = q;
            mask = 1L << q;
            fixed = new double[len][];
            int cnt = 0;
            for (int r = 0; r < len; r++) {
                int gk = k - r;
                if (!cc.parametric[gk]) {
                    fixed[r] = cc.gates[gk].kind() == GateKind.I ? new double[] {1, 0, 0, 0, 0, 0, 1, 0} : cc.gates[gk].matrix(Bindings.NONE);
                }
                for (int j = 0; j < cc.argHasSymbols[gk].length; j++) if (cc.argHasSymbols[gk][j]) cnt++;
            }
            count = cnt;
            gateOf = new int[cnt];
            argOf = new int[cnt];
            cnt = 0;
            for (int r = 0; r < len; r++) {
                int gk = k - r;
                for (int j = 0; j < cc.argHasSymbols[gk].length; j++) {
                    if (!cc.argHasSymbols[gk][j]) continue;
                    gateOf[cnt] = gk;
                    argOf[cnt++] = j;
                }
            }
            v = new double[8];
            g = new double[8 * Math.max(1, cnt)];
            acc = new double[ACC];
            shift = 0;
            highMask = 0;
            table = null;
            realTable = null;
        }

        /**
         * Fixed diagonal gates k, k−1, …, k−len+1 acting on the qubits in mask: their inverses multiply
         * into one diagonal, tabulated by the qubits at or above log2(lanes) (row) and the lane.
         */
        Step(int k, int len, long qubitMask) {
            kind = DIAGONAL;
            firstGate = k;
            length = len;
            qubit = -1;
            count = 0;
            gateOf = argOf = null;
            fixed = null;
            v = g = acc = null;
            mask = qubitMask;
            long high = qubitMask & ~((1L << LOG_L) - 1);
            shift = high == 0 ? LOG_L : Long.numberOfTrailingZeros(high);
            int span = high == 0 ? 0 : 64 - Long.numberOfLeadingZeros(high) - shift;
            highMask = (1L << span) - 1;
            table = new double[(3 * L) << span];
            for (int p = 0; p < (1 << span); p++) {
                for (int l = 0; l < L; l++) {
                    long x = ((long) p << shift) | l; // an amplitude index with these bits
                    double fr = 1, fi = 0;
                    for (int r = 0; r < len; r++) {
                        int[] qs = cc.gates[k - r].qubits();
                        double[] m = cc.inverses[k - r].matrix(Bindings.NONE);
                        int dim = 1 << qs.length, local = 0;
                        for (int j = 0; j < qs.length; j++) local |= (int) ((x >>> qs[j]) & 1) << j;
                        double dr = m[2 * (local * dim + local)], di = m[2 * (local * dim + local) + 1];
                        double nr = fr * dr - fi * di;
                        fi = fr * di + fi * dr;
                        fr = nr;
                    }
                    table[3 * L * p + l] = fr;
                    table[3 * L * p + L + l] = fi;
                    table[3 * L * p + 2 * L + l] = -fi;
                }
            }
            boolean real = true;
            for (int p = 0; p < (1 << span); p++) for (int l = 0; l < L; l++) real &= table[3 * L * p + L + l] == 0;
            if (real) {
                realTable = new double[L << span];
                for (int p = 0; p < (1 << span); p++) System.arraycopy(table, 3 * L * p, realTable, L * p, L);
            } else {
                realTable = null;
            }
        }
    }
}
