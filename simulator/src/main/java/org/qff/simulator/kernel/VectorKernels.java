package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;

/**
 * Gate kernels on the Java Vector API ({@code DoubleVector}, preferred species: 8 lanes on
 * AVX-512), with a correct path for every target position, optional multithreading on a persistent
 * pool above a size threshold, and cache-blocked application of gate lists.
 *
 * <p>Each {@link GateKernels} call configures a per-thread reusable {@link KernelOp} (no allocation
 * in steady state) and applies it. Callers that apply the same gates many times can build their
 * own {@link KernelOp}s once and use {@link #apply} / {@link #applyBlocked}.
 *
 * <p>Threads split the range of independent groups of a gate into contiguous chunks, so a result
 * does not depend on the thread count (bit-identical). Instances are cached per configuration and
 * safe to share between threads: concurrent parallel calls on one instance are serialised.
 */
public final class VectorKernels implements GateKernels {
    /** Below 2^14 amplitudes (256 KiB) a gate is too short to pay for waking another thread. */
    public static final int DEFAULT_PARALLEL_QUBITS = 14;

    private static final ConcurrentHashMap<Long, VectorKernels> CACHE = new ConcurrentHashMap<>();
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final int[] NONE = new int[0];

    private final int threads;
    private final int minParallelQubits;
    private final KernelPool pool;
    private final OpTask opTask = new OpTask();
    private final BlockTask blockTask = new BlockTask();
    private final GatherTask gatherTask = new GatherTask();

    private VectorKernels(int threads, int minParallelQubits) {
        this.threads = threads;
        this.minParallelQubits = minParallelQubits;
        this.pool = threads > 1 ? new KernelPool(threads) : null;
    }

    /** Single-threaded kernels. */
    public static VectorKernels singleThreaded() {
        return withThreads(1);
    }

    /** Kernels using {@code threads} threads (the caller and threads−1 workers) for states of 2^14 amplitudes or more. */
    public static VectorKernels withThreads(int threads) {
        return withThreads(threads, DEFAULT_PARALLEL_QUBITS);
    }

    /** As {@link #withThreads(int)}, going parallel from states of {@code minParallelQubits} qubits. */
    public static VectorKernels withThreads(int threads, int minParallelQubits) {
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("thread count " + threads + " is outside 1..256");
        if (minParallelQubits < 1) throw new IllegalArgumentException("parallel threshold " + minParallelQubits + " qubits is below 1");
        return CACHE.computeIfAbsent(((long) threads << 32) | minParallelQubits, k -> new VectorKernels(threads, minParallelQubits));
    }

    public int threads() { return threads; }

    /** Doubles per vector of the species in use (8 with AVX-512). */
    public static int lanes() { return L; }

    // ---------------------------------------------------------------- GateKernels

    @Override
    public void dense1(StateVector s, int target, double[] u) {
        Scratch sc = SCRATCH.get();
        sc.one[0] = target;
        sc.op.configureControlled(NONE, 0, sc.one, 1, u);
        apply(s, sc.op, sc);
    }

    @Override
    public void ry(StateVector s, int target, double theta) {
        Scratch sc = SCRATCH.get();
        sc.op.configureRy(target, theta);
        apply(s, sc.op, sc);
    }

    @Override
    public void diagonal1(StateVector s, int target, double d0re, double d0im, double d1re, double d1im) {
        Scratch sc = SCRATCH.get();
        sc.one[0] = target;
        sc.diag1[0] = d0re;
        sc.diag1[1] = d0im;
        sc.diag1[2] = d1re;
        sc.diag1[3] = d1im;
        sc.op.configureDiagonal(sc.one, 1, sc.diag1);
        apply(s, sc.op, sc);
    }

    @Override
    public void diagonal(StateVector s, int[] qubits, double[] diag) {
        Scratch sc = SCRATCH.get();
        sc.op.configureDiagonal(qubits, qubits.length, diag);
        apply(s, sc.op, sc);
    }

    @Override
    public void controlledX(StateVector s, int[] controls, int target) {
        Scratch sc = SCRATCH.get();
        sc.op.configureControlledX(controls, controls.length, target);
        apply(s, sc.op, sc);
    }

    @Override
    public void swap(StateVector s, int a, int b) {
        Scratch sc = SCRATCH.get();
        sc.op.configureSwap(a, b);
        apply(s, sc.op, sc);
    }

    @Override
    public void controlled1(StateVector s, int[] controls, int target, double[] u) {
        Scratch sc = SCRATCH.get();
        sc.one[0] = target;
        sc.op.configureControlled(controls, controls.length, sc.one, 1, u);
        apply(s, sc.op, sc);
    }

    @Override
    public void dense2(StateVector s, int q0, int q1, double[] u) {
        Scratch sc = SCRATCH.get();
        sc.two[0] = q0;
        sc.two[1] = q1;
        sc.op.configureControlled(NONE, 0, sc.two, 2, u);
        apply(s, sc.op, sc);
    }

    @Override
    public void denseK(StateVector s, int[] qubits, double[] u) {
        Scratch sc = SCRATCH.get();
        sc.op.configureControlled(NONE, 0, qubits, qubits.length, u);
        apply(s, sc.op, sc);
    }

    @Override
    public void scale(StateVector s, double factor) {
        Scratch sc = SCRATCH.get();
        sc.op.configureScale(factor);
        apply(s, sc.op, sc);
    }

    // ---------------------------------------------------------------- prepared ops

    /** Applies a prepared op to the whole state. */
    public void apply(StateVector s, KernelOp op) {
        apply(s, op, SCRATCH.get());
    }

    /**
     * Applies {@code ops} in order, one aligned block of 2^blockQubits amplitudes at a time: all ops
     * on block 0, then all on block 1, … Every op must act only on qubits below blockQubits, so the
     * ops on one block touch nothing outside it; choose the block to fit in cache (2^16 amplitudes
     * are 1 MiB) and a run of such gates costs one pass over memory instead of one per gate. The
     * result equals applying the ops one after another over the whole state, bit for bit.
     */
    public void applyBlocked(StateVector s, List<KernelOp> ops, int blockQubits) {
        if (blockQubits < 1) throw new IllegalArgumentException("block size 2^" + blockQubits + " is below 2^1");
        int c = Math.min(blockQubits, s.qubits());
        for (int i = 0; i < ops.size(); i++) {
            int q = ops.get(i).maxQubit();
            if (q >= c) {
                throw new IllegalArgumentException("op " + i + " (" + ops.get(i) + ") reaches qubit " + q
                        + ", outside a block of " + c + " qubits of this " + s.qubits() + "-qubit state");
            }
        }
        applyBlocked(s, ops, c, s.qubits());
    }

    /**
     * Cache blocking for gates on low and high qubits together. A block is the set of amplitudes that
     * agree on the "middle" qubits [lowQubits, highFrom): it spans qubits [0, lowQubits) and
     * [highFrom, n), 2^(lowQubits + n − highFrom) amplitudes, strided in memory. Every op must act
     * only on those qubits; the ops are applied in order to one block at a time, so the whole list
     * costs one pass over memory. Example at n = 24: lowQubits = 7, highFrom = 15 gives 2^16-amplitude
     * (1 MiB) blocks for the gates on qubits 15..23 (and 0..6). The result equals applying the ops one
     * after another, bit for bit. lowQubits is raised to the vector width if smaller.
     */
    public void applyBlocked(StateVector s, List<KernelOp> ops, int lowQubits, int highFrom) {
        int n = s.qubits();
        if (lowQubits < 1 || highFrom < lowQubits || highFrom > n) {
            throw new IllegalArgumentException("block qubits [0, " + lowQubits + ") ∪ [" + highFrom + ", " + n
                    + ") are not a valid split of a " + n + "-qubit state");
        }
        for (int i = 0; i < ops.size(); i++) {
            KernelOp op = ops.get(i);
            int bad = op.firstQubitBetween(lowQubits, highFrom);
            if (bad >= 0 || op.maxQubit() >= n) {
                throw new IllegalArgumentException("op " + i + " (" + op + ") acts on qubit " + (bad >= 0 ? bad : op.maxQubit())
                        + ", outside the block qubits [0, " + lowQubits + ") ∪ [" + highFrom + ", " + n + ")");
            }
        }
        Scratch sc = SCRATCH.get();
        if (s.dimension() < L) {
            for (int i = 0; i < ops.size(); i++) ops.get(i).applyScalar(s, sc.work);
            return;
        }
        int c = Math.max(lowQubits, LOG_L);
        int h = Math.max(highFrom, c);
        long blocks = 1L << (h - c);
        if (!onPool(blockTask, s, ops, c, h, blocks)) runBlocks(s.segment(), s.dimension(), n, c, h, ops, 0, blocks, sc.work);
    }

    /**
     * As {@link #applyBlocked(StateVector, List, int, int)}, but each strided block is first copied
     * into a contiguous per-thread buffer of 2^(lowQubits + n − highFrom) amplitudes, where the ops
     * run with the contiguous kernels, and then copied back (see GatheredBlocks for why). The ops
     * must already act on buffer qubits: qubit q &lt; lowQubits as q, qubit q ≥ highFrom as
     * lowQubits + q − highFrom ({@link KernelOp#remapFrom} makes such copies). The result equals
     * applying the original ops one after another to within rounding (a remapped op may run through
     * a different kernel), and does not depend on the thread count. lowQubits must be at least the
     * vector width's log ({@link #lanes()}).
     */
    public void applyGathered(StateVector s, List<KernelOp> bufferOps, int lowQubits, int highFrom) {
        int n = s.qubits();
        if (lowQubits < LOG_L || highFrom < lowQubits || highFrom > n) {
            throw new IllegalArgumentException("block qubits [0, " + lowQubits + ") ∪ [" + highFrom + ", " + n
                    + ") are not a valid gathered split of a " + n + "-qubit state (the low part needs at least " + LOG_L + " qubits)");
        }
        int bufferQubits = lowQubits + n - highFrom;
        for (int i = 0; i < bufferOps.size(); i++) {
            KernelOp op = bufferOps.get(i);
            if (op.maxQubit() >= bufferQubits) {
                throw new IllegalArgumentException("op " + i + " (" + op + ") reaches buffer qubit " + op.maxQubit()
                        + ", outside a gathered block of " + bufferQubits + " qubits");
            }
        }
        long blocks = 1L << (highFrom - lowQubits);
        if (!onPool(gatherTask, s, bufferOps, lowQubits, highFrom, blocks)) {
            GatheredBlocks.run(s.segment(), s.dimension(), n, lowQubits, highFrom, bufferOps, 0, blocks, SCRATCH.get().work);
        }
    }

    /**
     * Runs the blocks on the pool when it is worth it (a large enough state, a block per thread),
     * with the task holding the arguments for the duration; false when the caller should run them
     * on its own thread. The tasks are this object's fields, so pool runs are serialised on it.
     */
    private boolean onPool(BlockTask task, StateVector s, List<KernelOp> ops, int c, int h, long blocks) {
        if (pool == null || s.qubits() < minParallelQubits || blocks < threads) return false;
        synchronized (pool) {
            task.set(s, ops, c, h);
            try {
                pool.run(task, blocks);
            } finally {
                task.clear();
            }
        }
        return true;
    }

    /**
     * Blocks [from, to) of the split [0, c) ∪ [h, n). An op's groups in one block are runs of
     * 2^lb consecutive groups (lb = c − LOG_L − its skipped bits below c), one run per pattern of
     * the op's free high bits; with h = n that is a single run.
     */
    private static void runBlocks(MemorySegment seg, long dim, int n, int c, int h, List<KernelOp> ops,
                                  long from, long to, double[] work) {
        int count = ops.size();
        long middle = (1L << h) - (1L << c);
        for (long blk = from; blk < to; blk++) {
            if (h == n) {
                SubBlocks.run(seg, dim, c, ops, blk, work);
                continue;
            }
            for (int i = 0; i < count; i++) {
                KernelOp op = ops.get(i);
                if (op.kind == KernelOp.Kind.PAIRS2_REAL_HIGH) {
                    // a strided block in one call: the kernel steps past the targets' and the middle bits
                    long skip = middle | (1L << op.inserted[0]) | (1L << op.inserted[1]);
                    long pattern = blk << c;
                    DenseSweeps.pairs2HighRealMasked(seg, dim, op, pattern, 1L << (c - LOG_L + n - h - 2), skip, pattern);
                    continue;
                }
                int below = op.insertedBelow(c);
                int lb = c - LOG_L - below;
                int highBits = (n - h) - (op.nInserted - below);
                long runLen = 1L << lb;
                long start = blk << lb;
                int stride = lb + (h - c);
                for (long hp = 0, runs = 1L << highBits; hp < runs; hp++) {
                    long at = start | (hp << stride);
                    op.run(seg, dim, at, at + runLen, work);
                }
            }
        }
    }

    private void apply(StateVector s, KernelOp op, Scratch sc) {
        int n = s.qubits();
        int q = op.maxQubit();
        if (q >= n) throw new IllegalArgumentException("qubit index " + q + " is outside 0.." + (n - 1) + " of a " + n + "-qubit state");
        long dim = s.dimension();
        if (dim < L) {
            op.applyScalar(s, sc.work);
            return;
        }
        long groups = op.groups(dim);
        if (pool != null && n >= minParallelQubits && groups >= threads) {
            synchronized (pool) {
                opTask.set(s.segment(), dim, op);
                try {
                    pool.run(opTask, groups);
                } finally {
                    opTask.set(null, 0, null);
                }
            }
        } else {
            op.run(s.segment(), dim, 0, groups, sc.work);
        }
    }

    /** Per-thread reusable op and scratch: what keeps the GateKernels calls allocation-free. */
    private static final class Scratch {
        final KernelOp op = KernelOp.scale(1.0);
        final double[] work = new double[KernelOp.workSize()];
        final int[] one = new int[1];
        final int[] two = new int[2];
        final double[] diag1 = new double[4];
    }

    private static final class OpTask implements KernelPool.RangeTask {
        private MemorySegment seg;
        private long dim;
        private KernelOp op;

        void set(MemorySegment seg, long dim, KernelOp op) {
            this.seg = seg;
            this.dim = dim;
            this.op = op;
        }

        @Override
        public void run(long from, long to, double[] work) {
            op.run(seg, dim, from, to, work);
        }
    }

    private static class BlockTask implements KernelPool.RangeTask {
        MemorySegment seg;
        long dim;
        int n, c, h;
        List<KernelOp> ops;

        void set(StateVector s, List<KernelOp> ops, int c, int h) {
            this.seg = s.segment();
            this.dim = s.dimension();
            this.n = s.qubits();
            this.c = c;
            this.h = h;
            this.ops = ops;
        }

        void clear() {
            seg = null;
            ops = null;
        }

        @Override
        public void run(long from, long to, double[] work) {
            runBlocks(seg, dim, n, c, h, ops, from, to, work);
        }
    }

    private static final class GatherTask extends BlockTask {
        @Override
        public void run(long from, long to, double[] work) {
            GatheredBlocks.run(seg, dim, n, c, h, ops, from, to, work);
        }
    }
}
