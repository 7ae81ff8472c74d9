package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.qff.simulator.StateVector;

/**
 * One gate prepared for the vector kernels: which sweep runs it, the bit positions its iteration
 * skips, and every coefficient table it needs, all computed once here so that applying it
 * allocates nothing and does no per-call set-up beyond reading fields.
 *
 * <p>An op is a reusable, mutable object: an executor builds one per gate of a circuit and re-binds
 * angles or matrices with {@link #setAngle} / {@link #setMatrix} without allocating. It validates
 * its qubits and matrix sizes when configured (the hot path then trusts them). An op may be read by
 * several threads at once while it is applied, but must not be reconfigured meanwhile.
 *
 * <p>The work of an op on a state of dimension D is divided into {@link #groups(long)} independent
 * groups (each a fixed set of at most 2^k vectors); {@link #run} applies any range of groups. When
 * every qubit of the op is below b, the groups of an aligned block of 2^b amplitudes form the
 * contiguous range [block·G/(D/2^b), (block+1)·G/(D/2^b)): this is what cache blocking relies on.
 */
public final class KernelOp {
    /** The largest dense block: 2^5 × 2^5 complex entries. */
    public static final int MAX_DENSE_QUBITS = 5;
    /** The largest diagonal gate (2^10 entries). */
    public static final int MAX_DIAGONAL_QUBITS = 10;

    enum Kind { SCALE, RY_HIGH, RY_LOW, DENSE1_HIGH, DENSE1_LOW, DENSE2_HIGH, EXCHANGE2_HIGH, PAIRS2_REAL_HIGH, DIAGONAL, CONTROLLED_X, SWAP, GENERIC,
        /** Two-target kernels with a low target: {@link LowPairSweeps}. */
        EXCHANGE2_LOW, EXCHANGE2_MIXED, PAIRS2_REAL_LOW,
        /** A real 8×8 on three high targets that never changes one of them: {@link MuxSweeps}. */
        MUX2_REAL_HIGH,
        /** Real 2×2 gates on three high targets, then a permutation, maybe selected by a fourth: {@link TileSweeps}. */
        TILE3_REAL_HIGH,
        /** Real multiplexed 2×2 stages on the lane qubits 0, 1, 2, one after another: {@link LaneStageSweeps}. */
        LANE_STAGES_REAL }

    Kind kind;
    /** Targets in the caller's order (local bit j ↔ targets[j]), then controls. */
    final int[] targets = new int[StateVector.MAX_QUBITS];
    int nTargets;
    final int[] controls = new int[StateVector.MAX_QUBITS];
    int nControls;
    /** The dense matrix (row-major, interleaved) or diagonal (interleaved) this op applies. */
    double[] matrix = new double[8];
    /** Every imaginary part of the matrix is exactly 0 (set for DENSE2_HIGH). */
    boolean real;
    /**
     * EXCHANGE2_HIGH coefficients: d0r, d0i, −d0i, d3r, d3i, −d3i, then for rows 1 and 2 of the
     * |01⟩/|10⟩ block: u(r,1)r, u(r,1)i, −u(r,1)i, u(r,2)r, u(r,2)i, −u(r,2)i.
     */
    final double[] exchange = new double[18];
    /**
     * PAIRS2_REAL_HIGH: the real 4×4 splits into two 2×2 blocks, rows (pairRow[2p], pairRow[2p+1])
     * from columns (pairCol[2p], pairCol[2p+1]), coefficients pairCoef[4p..4p+3] row-major.
     */
    final int[] pairRow = new int[4], pairCol = new int[4];
    final double[] pairCoef = new double[8];
    /**
     * MUX2_REAL_HIGH: the real 4×4 applied where the selector qubit is 0 (entries 0..15, row-major,
     * local bit 0 ↔ the pair's lower target) and where it is 1 (16..31); the selector's bit.
     */
    final double[] muxCoef = new double[32];
    long muxSelect;
    /**
     * TILE3_REAL_HIGH: A, B, C (row-major real 2×2 on targets 0, 1, 2); the byte offsets of the
     * eight amplitudes a group indexes (local index k: bit j ↔ target j); where register k goes
     * for selector value x (tileStore[8x + k], from tilePerm[8x + k]); the selector's bit, or 0.
     */
    final double[] tileRot = new double[12];
    final long[] tileLoad = new long[8], tileStore = new long[16];
    final int[] tilePerm = new int[16];
    long tileSelect;
    /**
     * TILE3_REAL_HIGH in the kernel's pivot form (see {@link #pivotTile}): u, v of A and of B, then
     * for each output register j the two coefficients of C with the diagonal D folded in
     * (tileCoef[4 + 2j], tileCoef[5 + 2j]); tileStore already holds the flips P.
     */
    final double[] tileCoef = new double[20];
    private final double[] pivotScratch = new double[4];
    /**
     * LANE_STAGES_REAL: the stages and high stage as given (for remapping), and the high stage's
     * qubit, or −1; the kernel's per-lane coefficients are in {@link #table}.
     */
    final double[] laneStages = new double[LANE_STAGE_VALUES], laneHighStage = new double[HIGH_STAGE_VALUES];
    int laneHigh = -1;
    private final int[] pairScratch = new int[4], pairCount = new int[2], pairFree = new int[4];
    /** RY: cos, sin of θ/2; SCALE: factor in c. */
    double c, s;
    /** Bit positions skipped by the group → index map, ascending; and the bits forced to 1. */
    final int[] inserted = new int[StateVector.MAX_QUBITS];
    int nInserted;
    long setBits;
    /** High (≥ LOG_L) targets in local order and their local bit; low ones likewise. */
    final int[] hiPos = new int[StateVector.MAX_QUBITS], hiBit = new int[StateVector.MAX_QUBITS];
    final int[] loPos = new int[LOG_L], loBit = new int[LOG_L];
    int kh, kl;
    /** Offsets of the 2^kh vectors a group touches, by high local index. */
    long[] offsets = new long[32];
    /** Lanes on which all low controls are 1 (bit l for lane l). */
    long laneControl;
    /** Per-lane coefficient table of GENERIC / DIAGONAL, or null when coefficients are uniform. */
    double[] table = new double[0];
    boolean uniform;
    /** DIAGONAL: skip[h] when every factor of high pattern h is exactly 1 (those amplitudes are not touched). */
    boolean[] skip = new boolean[1];
    /** PAIRS2_REAL_LOW: the two source-lane shuffles, and the codes they were made for (LowPairSweeps). */
    jdk.incubator.vector.VectorShuffle<Double> pairFirst, pairSecond;
    long pairFirstCode = -1, pairSecondCode = -1;
    /** GENERIC: lane-index pattern of each low-target pattern x. */
    final int[] laneX = new int[L];

    private KernelOp() {}

    // ---------------------------------------------------------------- factories

    /** Multiplies every amplitude by {@code factor} (the read+write memory sweep). */
    public static KernelOp scale(double factor) {
        KernelOp op = new KernelOp();
        op.configureScale(factor);
        return op;
    }

    /** RY(θ) on one target. */
    public static KernelOp ry(int target, double theta) {
        KernelOp op = new KernelOp();
        op.configureRy(target, theta);
        return op;
    }

    /** A dense 2^k × 2^k matrix on k ≤ 5 targets (local bit j ↔ targets[j]). */
    public static KernelOp dense(int[] targets, double[] u) {
        return controlled(new int[0], targets, u);
    }

    /** A dense matrix on the targets, applied where every control qubit is 1. */
    public static KernelOp controlled(int[] controls, int[] targets, double[] u) {
        KernelOp op = new KernelOp();
        op.configureControlled(controls, controls.length, targets, targets.length, u);
        return op;
    }

    /** A diagonal (2^k interleaved complex entries) on k ≤ 10 qubits. */
    public static KernelOp diagonal(int[] qubits, double[] diag) {
        KernelOp op = new KernelOp();
        op.configureDiagonal(qubits, qubits.length, diag);
        return op;
    }

    /** X on the target where every control is 1: X, CNOT, Toffoli, … */
    public static KernelOp controlledX(int[] controls, int target) {
        KernelOp op = new KernelOp();
        op.configureControlledX(controls, controls.length, target);
        return op;
    }

    /**
     * A rotation tile: real orthogonal 2×2 matrices A, B, C ({@code rotations}, row-major, 12 entries) on the
     * three {@code targets}, then the permutation sending local index k to {@code perm[k]} (local
     * bit j ↔ targets[j]), or to {@code perm[8 + k]} where qubit {@code selector} is 1. Without a
     * selector (−1) only perm[0..7] is used. Every qubit must be at or above the vector width's log.
     */
    public static KernelOp tile(int[] targets, int selector, double[] rotations, int[] perm) {
        KernelOp op = new KernelOp();
        op.configureTile(targets, selector, rotations, perm);
        return op;
    }

    /** Doubles in the argument of {@link #laneStages}: 3 stages × 4 contexts × a row-major 2×2. */
    public static final int LANE_STAGE_VALUES = 48;

    /**
     * Real stages on the three lane qubits 0, 1, 2 (AVX-512 only: {@link VectorKernels#lanes()} = 8),
     * applied in order: stage j replaces each pair of amplitudes that differ in qubit j by a real
     * 2×2 chosen by the values of the other two lane qubits ("context": their bits in ascending
     * qubit order, lower qubit first). {@code stages[16 j + 4 ctx ..]} is that 2×2, row-major. RY, H,
     * Z, X on qubit j and CX, CZ, CCX with target j and lane controls are such stages; a CNOT ladder
     * stretch RY(0), RY(1), CX(0, 1), RY(2), CX(1, 2) is three. Per vector and half: three constant
     * lane shuffles, three multiplies and three multiply-adds.
     */
    public static KernelOp laneStages(double[] stages) {
        return laneStages(stages, -1, null);
    }

    /** Doubles in the high stage of {@link #laneStages(double[], int, double[])}: 8 contexts × a row-major 2×2. */
    public static final int HIGH_STAGE_VALUES = 32;

    /**
     * As {@link #laneStages(double[])}, followed by a fourth stage on qubit {@code highQubit} (≥ 3):
     * each pair of amplitudes that differ in it is replaced by a real 2×2 chosen by the three lane
     * qubits ({@code highStage[4 ctx ..]}, ctx = the lane index). A ladder's block RY(3)·CX(2, 3)
     * is such a stage, so the ladder's first three blocks make one op. {@code highQubit} −1: none.
     */
    public static KernelOp laneStages(double[] stages, int highQubit, double[] highStage) {
        if (L != 8) throw new IllegalStateException("lane stages need 8-lane vectors; this machine's have " + L);
        KernelOp op = new KernelOp();
        op.configureLaneStages(stages, highQubit, highStage);
        return op;
    }

    /** New stages for a {@link #laneStages} op without a high stage, without allocating. */
    public void setLaneStages(double[] stages) {
        setLaneStages(stages, null);
    }

    /** New stages (and high stage, when the op has one) for a {@link #laneStages} op, without allocating. */
    public void setLaneStages(double[] stages, double[] highStage) {
        if (kind != Kind.LANE_STAGES_REAL) throw new IllegalStateException("setLaneStages on a " + kind + " op");
        if ((laneHigh >= 0) != (highStage != null)) {
            throw new IllegalArgumentException(laneHigh >= 0 ? "this op has a high stage on qubit " + laneHigh + ": give its values" : "this op has no high stage");
        }
        checkLaneStages(stages, highStage);
        fillLaneStages(stages, highStage);
    }

    private void configureLaneStages(double[] stages, int highQubit, double[] highStage) {
        if (highQubit >= 0 && highQubit < LOG_L) throw new IllegalArgumentException("the high stage's qubit " + highQubit + " is a lane qubit");
        if ((highQubit >= 0) != (highStage != null)) throw new IllegalArgumentException("a high stage needs both its qubit and its values");
        checkLaneStages(stages, highStage);
        reset(Kind.LANE_STAGES_REAL);
        for (int q = 0; q < 3; q++) addTarget(q);
        laneHigh = highQubit;
        if (highQubit >= 0) {
            addTarget(highQubit);
            insert(highQubit, false);
        }
        fillLaneStages(stages, highStage);
    }

    private static void checkLaneStages(double[] stages, double[] highStage) {
        checkMatrix(stages, LANE_STAGE_VALUES, "lane stages");
        if (highStage != null) checkMatrix(highStage, HIGH_STAGE_VALUES, "high stage");
    }

    /** Stages already checked: copies them and builds the kernel's per-lane table. */
    private void fillLaneStages(double[] stages, double[] highStage) {
        System.arraycopy(stages, 0, laneStages, 0, LANE_STAGE_VALUES);
        if (highStage != null) System.arraycopy(highStage, 0, laneHighStage, 0, HIGH_STAGE_VALUES);
        if (table.length < 10 * L) table = new double[10 * L];
        // high stage: rows 6..9 are the per-lane m00, m01, m10, m11
        if (highStage != null) {
            for (int lane = 0; lane < L; lane++) for (int e = 0; e < 4; e++) table[(6 + e) * L + lane] = highStage[4 * lane + e];
        }
        // per lane i of stage j: out[i] = m[b][b]·v[i] + m[b][1−b]·v[i ^ 2^j], b = bit j of i, m the context's 2×2
        for (int j = 0; j < 3; j++) {
            for (int lane = 0; lane < L; lane++) {
                int b = (lane >> j) & 1;
                int ctx = ((lane & ((1 << j) - 1)) | ((lane >> (j + 1)) << j));
                int at = 16 * j + 4 * ctx;
                table[(2 * j) * L + lane] = stages[at + 3 * b];
                table[(2 * j + 1) * L + lane] = stages[at + 1 + b];
            }
        }
    }

    /** New A, B, C for a rotation tile (real orthogonal 2×2 each), without allocating. */
    public void setRotations(double[] rotations) {
        if (kind != Kind.TILE3_REAL_HIGH) throw new IllegalStateException("setRotations on a " + kind + " op");
        checkRotations(rotations);
        System.arraycopy(rotations, 0, tileRot, 0, 12);
        pivotTile();
    }

    /**
     * Each of A, B, C must be real orthogonal within 1e-10 (products of RY, H, Z, X): the pivot
     * form below is then exact up to rounding, with |u|, |v| ≤ 1.
     */
    private static void checkRotations(double[] r) {
        checkMatrix(r, 12, "rotations");
        for (int m = 0; m < 3; m++) {
            double a = r[4 * m], b = r[4 * m + 1], c = r[4 * m + 2], d = r[4 * m + 3];
            double e = Math.max(Math.abs(a * a + c * c - 1), Math.max(Math.abs(b * b + d * d - 1), Math.abs(a * b + c * d)));
            if (e > 1e-10) {
                throw new IllegalArgumentException("rotation tile factor " + "ABC".charAt(m) + " = [[" + a + ", " + b + "], [" + c + ", " + d
                        + "]] is not orthogonal (|MᵀM − I| = " + e + " > 1e-10)");
            }
        }
    }

    /**
     * The pivot form TileSweeps applies. A real 2×2 M = [[a, b], [c, d]] is diag(d0, d1)·P·T with
     * T = [[1, u], [v, 1]] and P = I (d0 = a, u = b/a, d1 = d, v = c/d) or P = X (d0 = b, v = a/b,
     * d1 = c, u = d/c), whichever pivots divide by the larger entries: for an orthogonal M that
     * keeps |u|, |v| ≤ 1, so T costs one multiply-add per amplitude where M costs a multiply and a
     * multiply-add. A ⊗ B ⊗ C is then (D_A ⊗ D_B ⊗ I)(P_A ⊗ P_B ⊗ I)(T_A ⊗ T_B ⊗ C): the kernel
     * applies T_A and T_B, then C with the diagonal folded into its coefficients, and stores to
     * addresses that include the flips. Why: the tile pass is bound by its floating-point work
     * (48 operations per 8 vectors before, 32 now; 0.44 → 0.35 sweeps per pass from L2, probe in
     * benchmarks/RESULTS.md).
     */
    private void pivotTile() {
        double[] r = tileRot;
        double[] dd = pivotScratch;
        int flip = 0;
        for (int m = 0; m < 2; m++) {
            double a = r[4 * m], b = r[4 * m + 1], c = r[4 * m + 2], d = r[4 * m + 3];
            if (Math.abs(a * d) >= Math.abs(b * c)) {
                dd[2 * m] = a;
                dd[2 * m + 1] = d;
                tileCoef[2 * m] = b / a;
                tileCoef[2 * m + 1] = c / d;
            } else {
                flip |= 1 << m;
                dd[2 * m] = b;
                dd[2 * m + 1] = c;
                tileCoef[2 * m] = d / c;
                tileCoef[2 * m + 1] = a / b;
            }
        }
        for (int j = 0; j < 8; j++) {
            int k = j ^ flip; // output register j holds local index k after the flips
            double dk = dd[k & 1] * dd[2 + ((k >> 1) & 1)];
            int row = j >> 2;
            tileCoef[4 + 2 * j] = dk * r[8 + 2 * row];
            tileCoef[5 + 2 * j] = dk * r[9 + 2 * row];
        }
        for (int i = 0; i < 16; i++) tileStore[i] = tileLoad[tilePerm[(i & 8) | ((i & 7) ^ flip)]];
    }

    /** Exchange of qubits a and b. */
    public static KernelOp swap(int a, int b) {
        KernelOp op = new KernelOp();
        op.configureSwap(a, b);
        return op;
    }

    // ---------------------------------------------------------------- re-binding

    /** New angle for an RY op, without allocating. */
    public void setAngle(double theta) {
        if (kind != Kind.RY_HIGH && kind != Kind.RY_LOW) throw new IllegalStateException("setAngle on a " + kind + " op");
        if (!Double.isFinite(theta)) throw new IllegalArgumentException("RY angle is " + theta);
        c = Math.cos(theta / 2);
        s = Math.sin(theta / 2);
        fillRyMatrix();
    }

    /** New matrix (dense ops) or diagonal (diagonal ops) of the same size, without allocating. */
    public void setMatrix(double[] values) {
        switch (kind) {
            case DIAGONAL -> {
                checkMatrix(values, 2 << nTargets, "diagonal");
                System.arraycopy(values, 0, matrix, 0, values.length);
                buildDiagonalTable();
            }
            case DENSE1_HIGH, DENSE1_LOW, DENSE2_HIGH, EXCHANGE2_HIGH, PAIRS2_REAL_HIGH, GENERIC, EXCHANGE2_LOW, EXCHANGE2_MIXED, PAIRS2_REAL_LOW,
                 MUX2_REAL_HIGH -> {
                // the kernel follows the new matrix (a 4×4 may stop being an exchange, an 8×8 may
                // gain or lose its selector): the same set-up as a new op, on the same qubits
                checkMatrix(values, 2 << (2 * nTargets), "matrix");
                System.arraycopy(targets, 0, remapTargets, 0, nTargets);
                System.arraycopy(controls, 0, remapControls, 0, nControls);
                bindControlled(remapControls, nControls, remapTargets, nTargets, values);
            }
            default -> throw new IllegalStateException("setMatrix on a " + kind + " op");
        }
    }

    /** The highest qubit the op touches, or −1 if it touches none in particular (scale). */
    public int maxQubit() {
        int m = -1;
        for (int i = 0; i < nTargets; i++) m = Math.max(m, targets[i]);
        for (int i = 0; i < nControls; i++) m = Math.max(m, controls[i]);
        return m;
    }

    /** The lowest qubit of this op in [from, to), or −1. */
    int firstQubitBetween(int from, int to) {
        int best = -1;
        for (int i = 0; i < nTargets; i++) if (targets[i] >= from && targets[i] < to && (best < 0 || targets[i] < best)) best = targets[i];
        for (int i = 0; i < nControls; i++) if (controls[i] >= from && controls[i] < to && (best < 0 || controls[i] < best)) best = controls[i];
        return best;
    }

    /** How many of the skipped (inserted) bit positions lie below c. */
    int insertedBelow(int c) {
        int k = 0;
        while (k < nInserted && inserted[k] < c) k++;
        return k;
    }

    /** The number of independent groups the op's work on a state of dimension dim splits into. */
    public long groups(long dim) {
        return dim >> (LOG_L + nInserted);
    }

    @Override
    public String toString() {
        return kind + " targets " + Arrays.toString(Arrays.copyOf(targets, nTargets))
                + (nControls > 0 ? " controls " + Arrays.toString(Arrays.copyOf(controls, nControls)) : "");
    }

    // ---------------------------------------------------------------- configuration (reusable)

    void configureScale(double factor) {
        if (!Double.isFinite(factor)) throw new IllegalArgumentException("scale factor is " + factor);
        reset(Kind.SCALE);
        c = factor;
    }

    void configureRy(int target, double theta) {
        if (!Double.isFinite(theta)) throw new IllegalArgumentException("RY angle is " + theta);
        configureRy(target, Math.cos(theta / 2), Math.sin(theta / 2));
    }

    private void configureRy(int target, double cos, double sin) {
        reset(null);
        addTarget(target);
        kind = target >= LOG_L ? Kind.RY_HIGH : Kind.RY_LOW;
        if (kind == Kind.RY_HIGH) insert(target, false);
        c = cos;
        s = sin;
        fillRyMatrix();
    }

    void configureControlled(int[] ctrl, int nc, int[] tgt, int nt, double[] u) {
        if (nt < 1 || nt > MAX_DENSE_QUBITS) {
            throw new IllegalArgumentException("a dense gate acts on 1.." + MAX_DENSE_QUBITS + " qubits, not " + nt);
        }
        checkMatrix(u, 2 << (2 * nt), "matrix");
        bindControlled(ctrl, nc, tgt, nt, u);
    }

    /** {@link #configureControlled} once the matrix is known valid: u holds at least 2·4^nt doubles. */
    private void bindControlled(int[] ctrl, int nc, int[] tgt, int nt, double[] u) {
        int len = 2 << (2 * nt);
        reset(null);
        for (int i = 0; i < nt; i++) addTarget(tgt[i]);
        for (int i = 0; i < nc; i++) addControl(ctrl[i]);
        ensureMatrix(len);
        System.arraycopy(u, 0, matrix, 0, len);
        real = isReal(matrix, len);
        if (nc == 0 && nt == 1) {
            kind = targets[0] >= LOG_L ? Kind.DENSE1_HIGH : Kind.DENSE1_LOW;
            if (kind == Kind.DENSE1_HIGH) insert(targets[0], false);
        } else if (nc == 0 && nt == 3 && allHigh() && real && bindMux(u)) {
            kind = Kind.MUX2_REAL_HIGH;
        } else if (nc == 0 && nt == 2 && targets[0] >= LOG_L && targets[1] >= LOG_L) {
            kind = dense2Kind(u);
            insert(targets[0], false);
            insert(targets[1], false);
            offsets[1] = 1L << targets[0];
            offsets[2] = 1L << targets[1];
            offsets[3] = offsets[1] + offsets[2];
        } else {
            kind = Kind.GENERIC;
            splitTargets();
            for (int m = 0; m < kh; m++) insert(hiPos[m], false);
            laneControl = (1L << L) - 1;
            for (int i = 0; i < nc; i++) {
                int q = controls[i];
                if (q >= LOG_L) {
                    insert(q, true);
                } else {
                    long keep = 0;
                    for (int l = 0; l < L; l++) if (((l >> q) & 1) != 0) keep |= 1L << l;
                    laneControl &= keep;
                }
            }
            chooseLowKernel();
        }
    }

    /** GENERIC set up (targets split, high ones skipped): a {@link LowPairSweeps} kernel if one fits the matrix, else the generic table. */
    private void chooseLowKernel() {
        Kind k = LowPairSweeps.bind(this);
        kind = k != null ? k : Kind.GENERIC;
        if (k == null) buildGenericTable();
    }

    void configureDiagonal(int[] qubits, int nq, double[] diag) {
        if (nq < 1 || nq > MAX_DIAGONAL_QUBITS) {
            throw new IllegalArgumentException("a diagonal gate acts on 1.." + MAX_DIAGONAL_QUBITS + " qubits, not " + nq);
        }
        checkMatrix(diag, 2 << nq, "diagonal");
        bindDiagonal(qubits, nq, diag);
    }

    /** {@link #configureDiagonal} once the diagonal is known valid: it holds at least 2·2^nq doubles. */
    private void bindDiagonal(int[] qubits, int nq, double[] diag) {
        int len = 2 << nq;
        reset(Kind.DIAGONAL);
        for (int i = 0; i < nq; i++) addTarget(qubits[i]);
        ensureMatrix(len);
        System.arraycopy(diag, 0, matrix, 0, len);
        splitTargets();
        buildDiagonalTable();
    }

    void configureControlledX(int[] ctrl, int nc, int target) {
        reset(Kind.CONTROLLED_X);
        addTarget(target);
        for (int i = 0; i < nc; i++) addControl(ctrl[i]);
        if (target >= LOG_L) insert(target, false);
        laneControl = (1L << L) - 1;
        for (int i = 0; i < nc; i++) {
            int q = controls[i];
            if (q >= LOG_L) {
                insert(q, true);
            } else {
                long keep = 0;
                for (int l = 0; l < L; l++) if (((l >> q) & 1) != 0) keep |= 1L << l;
                laneControl &= keep;
            }
        }
        ensureMatrix(8);
        Arrays.fill(matrix, 0, 8, 0.0);
        matrix[2] = 1;
        matrix[4] = 1;
    }

    void configureTile(int[] tgt, int selector, double[] rotations, int[] perm) {
        if (tgt.length != 3) throw new IllegalArgumentException("a rotation tile has 3 targets, not " + tgt.length);
        checkRotations(rotations);
        int perms = selector < 0 ? 1 : 2;
        if (perm.length < 8 * perms) throw new IllegalArgumentException("a rotation tile needs " + 8 * perms + " permutation entries, got " + perm.length);
        for (int x = 0; x < perms; x++) {
            int seen = 0;
            for (int k = 0; k < 8; k++) {
                int to = perm[8 * x + k];
                if (to < 0 || to > 7 || (seen & (1 << to)) != 0) throw new IllegalArgumentException("tile permutation " + java.util.Arrays.toString(perm) + " is not a permutation of 0..7");
                seen |= 1 << to;
            }
        }
        reset(Kind.TILE3_REAL_HIGH);
        for (int j = 0; j < 3; j++) addTarget(tgt[j]);
        if (selector >= 0) addTarget(selector);
        for (int j = 0; j < nTargets; j++) {
            if (targets[j] < LOG_L) throw new IllegalArgumentException("rotation tile qubit " + targets[j] + " is below " + LOG_L + " (a lane bit)");
            insert(targets[j], false);
        }
        System.arraycopy(rotations, 0, tileRot, 0, 12);
        for (int k = 0; k < 8; k++) {
            long o = 0;
            for (int j = 0; j < 3; j++) if (((k >> j) & 1) != 0) o += 1L << targets[j];
            tileLoad[k] = o << 3;
        }
        for (int i = 0; i < 16; i++) {
            tilePerm[i] = i < 8 * perms ? perm[i] : perm[i & 7];
        }
        tileSelect = selector < 0 ? 0 : 1L << selector;
        pivotTile();
    }

    void configureSwap(int a, int b) {
        reset(Kind.SWAP);
        addTarget(Math.min(a, b));
        addTarget(Math.max(a, b));
        for (int i = 0; i < 2; i++) if (targets[i] >= LOG_L) insert(targets[i], false);
        ensureMatrix(32);
        Arrays.fill(matrix, 0, 32, 0.0);
        matrix[2 * (0 * 4 + 0)] = 1;
        matrix[2 * (1 * 4 + 2)] = 1;
        matrix[2 * (2 * 4 + 1)] = 1;
        matrix[2 * (3 * 4 + 3)] = 1;
    }

    /**
     * Reconfigures this op as a copy of {@code src} acting on qubit {@code map[q]} wherever src acts
     * on q, with src's current angle, matrix or diagonal: the op a gathered cache block applies to
     * its contiguous buffer (VectorKernels#applyGathered). The kernel is chosen afresh for the new
     * positions (a pair of high targets may become low ones). Allocates nothing once this op has
     * held a matrix as large (its tables only grow). {@code src} must not be this op.
     */
    public void remapFrom(KernelOp src, int[] map) {
        if (src == this) throw new IllegalArgumentException("an op cannot be remapped from itself");
        int[] t = remapTargets, cq = remapControls;
        for (int i = 0; i < src.nTargets; i++) t[i] = map[src.targets[i]];
        for (int i = 0; i < src.nControls; i++) cq[i] = map[src.controls[i]];
        switch (src.kind) {
            case SCALE -> configureScale(src.c);
            case RY_HIGH, RY_LOW -> configureRy(t[0], src.c, src.s);
            case DIAGONAL -> bindDiagonal(t, src.nTargets, src.matrix);
            case CONTROLLED_X -> configureControlledX(cq, src.nControls, t[0]);
            case SWAP -> configureSwap(t[0], t[1]);
            case LANE_STAGES_REAL -> configureLaneStages(src.laneStages, src.laneHigh < 0 ? -1 : map[src.laneHigh], // lane qubits stay themselves
                    src.laneHigh < 0 ? null : src.laneHighStage);
            case TILE3_REAL_HIGH -> {
                System.arraycopy(t, 0, tileTargets, 0, 3);
                configureTile(tileTargets, src.nTargets == 4 ? t[3] : -1, src.tileRot, src.tilePerm);
            }
            case DENSE1_HIGH, DENSE1_LOW, DENSE2_HIGH, EXCHANGE2_HIGH, PAIRS2_REAL_HIGH, GENERIC, EXCHANGE2_LOW, EXCHANGE2_MIXED, PAIRS2_REAL_LOW,
                 MUX2_REAL_HIGH -> bindControlled(cq, src.nControls, t, src.nTargets, src.matrix);
        }
    }

    private final int[] remapTargets = new int[StateVector.MAX_QUBITS], remapControls = new int[StateVector.MAX_QUBITS];
    private final int[] tileTargets = new int[3];

    // ---------------------------------------------------------------- application

    /** Applies groups [from, to) to the segment of a state of dimension dim; work is per-thread scratch. */
    void run(MemorySegment seg, long dim, long from, long to, double[] work) {
        switch (kind) {
            case SCALE -> OneQubitSweeps.scale(seg, dim, c, from, to);
            case RY_HIGH -> OneQubitSweeps.ryHigh(seg, dim, targets[0], c, s, from, to);
            case RY_LOW -> OneQubitSweeps.ryLow(seg, dim, targets[0], c, s, from, to);
            case DENSE1_HIGH -> OneQubitSweeps.dense1High(seg, dim, targets[0], matrix[0], matrix[1], matrix[2],
                    matrix[3], matrix[4], matrix[5], matrix[6], matrix[7], from, to);
            case DENSE1_LOW -> OneQubitSweeps.dense1Low(seg, dim, targets[0], matrix[0], matrix[1], matrix[2],
                    matrix[3], matrix[4], matrix[5], matrix[6], matrix[7], from, to);
            case DENSE2_HIGH -> DenseSweeps.dense2High(seg, dim, this, from, to);
            case EXCHANGE2_HIGH -> DenseSweeps.exchange2High(seg, dim, this, from, to);
            case PAIRS2_REAL_HIGH -> DenseSweeps.pairs2HighReal(seg, dim, this, from, to);
            case DIAGONAL -> DiagonalSweep.apply(seg, dim, this, from, to);
            case CONTROLLED_X -> PermutationSweeps.controlledX(seg, dim, this, from, to);
            case SWAP -> PermutationSweeps.swap(seg, dim, this, from, to);
            case GENERIC -> DenseSweeps.generic(seg, dim, this, from, to, work);
            case EXCHANGE2_LOW -> LowPairSweeps.exchangeLow(seg, dim, this, from, to);
            case EXCHANGE2_MIXED -> LowPairSweeps.exchangeMixed(seg, dim, this, from, to);
            case PAIRS2_REAL_LOW -> LowPairSweeps.pairsLowReal(seg, dim, this, from, to);
            case MUX2_REAL_HIGH -> MuxSweeps.mux2HighReal(seg, dim, this, from, to);
            case TILE3_REAL_HIGH -> TileSweeps.tile(seg, dim, this, from, to);
            case LANE_STAGES_REAL -> LaneStageSweeps.apply(seg, dim, this, from, to);
        }
    }

    /** The first amplitude index of group g: g·L with the skipped bits inserted (controls set to 1). */
    long base(long g) {
        return indexOf(g << LOG_L);
    }

    /** The skipped (inserted) bit positions as a mask. */
    long skipMask() {
        long m = 0;
        for (int i = 0; i < nInserted; i++) m |= 1L << inserted[i];
        return m;
    }

    /** The amplitude index of compressed index p (skipped bits inserted, controls set). */
    long indexOf(long p) {
        for (int i = 0; i < nInserted; i++) p = Lanes.insertZero(p, inserted[i]);
        return p | setBits;
    }

    /** Size of the per-thread scratch {@link #run} and {@link #applyScalar} need. */
    static int workSize() {
        return Math.max((2 << MAX_DENSE_QUBITS) * L, 4 << MAX_DENSE_QUBITS);
    }

    /**
     * A plain scalar application for states too small to fill one vector (fewer than L amplitudes).
     * Uses the same matrix semantics; {@code work} must hold 4·2^k doubles.
     */
    void applyScalar(StateVector st, double[] work) {
        long dim = st.dimension();
        // a tile's qubits are all at or above LOG_L, so its states have at least L amplitudes
        if (kind == Kind.TILE3_REAL_HIGH || kind == Kind.LANE_STAGES_REAL) throw new IllegalStateException("a " + kind + " op on a state of " + dim + " amplitudes");
        if (kind == Kind.SCALE) {
            for (long i = 0; i < dim; i++) st.set(i, st.re(i) * c, st.im(i) * c);
            return;
        }
        if (kind == Kind.DIAGONAL) {
            for (long i = 0; i < dim; i++) {
                int local = 0;
                for (int j = 0; j < nTargets; j++) local |= (int) ((i >> targets[j]) & 1) << j;
                double dr = matrix[2 * local], di = matrix[2 * local + 1], r = st.re(i), m = st.im(i);
                st.set(i, r * dr - m * di, r * di + m * dr);
            }
            return;
        }
        int k = nTargets, mdim = 1 << k;
        long tmask = 0, cmask = 0;
        for (int j = 0; j < k; j++) tmask |= 1L << targets[j];
        for (int j = 0; j < nControls; j++) cmask |= 1L << controls[j];
        for (long b = 0; b < dim; b++) {
            if ((b & tmask) != 0 || (b & cmask) != cmask) continue;
            for (int l = 0; l < mdim; l++) {
                long i = b;
                for (int j = 0; j < k; j++) if (((l >> j) & 1) != 0) i |= 1L << targets[j];
                work[2 * l] = st.re(i);
                work[2 * l + 1] = st.im(i);
            }
            for (int r = 0; r < mdim; r++) {
                double ar = 0, ai = 0;
                for (int cc = 0; cc < mdim; cc++) {
                    double ur = matrix[2 * (r * mdim + cc)], ui = matrix[2 * (r * mdim + cc) + 1];
                    ar += ur * work[2 * cc] - ui * work[2 * cc + 1];
                    ai += ur * work[2 * cc + 1] + ui * work[2 * cc];
                }
                work[2 * mdim + 2 * r] = ar;
                work[2 * mdim + 2 * r + 1] = ai;
            }
            for (int r = 0; r < mdim; r++) {
                long i = b;
                for (int j = 0; j < k; j++) if (((r >> j) & 1) != 0) i |= 1L << targets[j];
                st.set(i, work[2 * mdim + 2 * r], work[2 * mdim + 2 * r + 1]);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void reset(Kind k) {
        kind = k;
        nTargets = 0;
        nControls = 0;
        nInserted = 0;
        setBits = 0;
        kh = 0;
        kl = 0;
        laneControl = (1L << L) - 1;
        uniform = true;
    }

    private void addTarget(int q) {
        checkQubit(q);
        targets[nTargets++] = q;
    }

    private void addControl(int q) {
        checkQubit(q);
        controls[nControls++] = q;
    }

    private void checkQubit(int q) {
        if (q < 0 || q >= StateVector.MAX_QUBITS) {
            throw new IllegalArgumentException("qubit index " + q + " is outside 0.." + (StateVector.MAX_QUBITS - 1));
        }
        for (int i = 0; i < nTargets; i++) if (targets[i] == q) throw new IllegalArgumentException("qubit " + q + " appears twice in one gate");
        for (int i = 0; i < nControls; i++) if (controls[i] == q) throw new IllegalArgumentException("qubit " + q + " appears twice in one gate");
    }

    private static void checkMatrix(double[] values, int expected, String what) {
        if (values == null) throw new IllegalArgumentException(what + " is null");
        if (values.length != expected) {
            throw new IllegalArgumentException("a " + what + " of " + expected + " doubles was expected, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) throw new IllegalArgumentException(what + " entry " + i + " is " + values[i]);
        }
    }

    /**
     * Two high targets: the exchange kernel when the 4×4 only mixes |01⟩ and |10⟩ and multiplies
     * |00⟩ and |11⟩ by phases (Heisenberg exchange, XX+YY rotations, SWAP-like gates: every entry
     * outside the diagonal and the (1,2)/(2,1) corners is exactly 0), else the dense 4×4. Fills
     * the exchange kernel's coefficient table.
     */
    private Kind dense2Kind(double[] u) {
        if (real && twoPairs(u)) return Kind.PAIRS2_REAL_HIGH;
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 4; k++) {
                boolean inBlock = r == k || (r == 1 && k == 2) || (r == 2 && k == 1);
                if (!inBlock && (u[2 * (4 * r + k)] != 0.0 || u[2 * (4 * r + k) + 1] != 0.0)) return Kind.DENSE2_HIGH;
            }
        }
        for (int e = 0; e < EXCHANGE_ENTRIES.length; e++) {
            double re = u[2 * EXCHANGE_ENTRIES[e]], im = u[2 * EXCHANGE_ENTRIES[e] + 1];
            exchange[3 * e] = re;
            exchange[3 * e + 1] = im;
            exchange[3 * e + 2] = -im;
        }
        return Kind.EXCHANGE2_HIGH;
    }

    private boolean allHigh() {
        for (int j = 0; j < nTargets; j++) if (targets[j] < LOG_L) return false;
        return true;
    }

    /**
     * A real 8×8 that never changes one target's value (every entry joining rows and columns that
     * differ in that bit is exactly 0): two real 4×4 blocks on the other two targets, chosen by the
     * selector, as a fused block of a CNOT ladder with its control's block is (see MuxSweeps). True,
     * with the coefficients, offsets and skipped bits set, when some target is such a selector.
     */
    private boolean bindMux(double[] u) {
        for (int js = 2; js >= 0; js--) {
            if (!keeps(u, js)) continue;
            int ja = js == 0 ? 1 : 0, jb = js == 2 ? 1 : 2;
            for (int x = 0; x < 2; x++) {
                for (int r = 0; r < 4; r++) {
                    int row = ((r & 1) << ja) | ((r >> 1) << jb) | (x << js);
                    for (int k = 0; k < 4; k++) {
                        int col = ((k & 1) << ja) | ((k >> 1) << jb) | (x << js);
                        muxCoef[16 * x + 4 * r + k] = u[2 * (8 * row + col)];
                    }
                }
            }
            for (int j = 0; j < 3; j++) insert(targets[j], false);
            offsets[0] = 0;
            offsets[1] = 1L << targets[ja];
            offsets[2] = 1L << targets[jb];
            offsets[3] = offsets[1] + offsets[2];
            muxSelect = 1L << targets[js];
            return true;
        }
        return false;
    }

    /** Whether the 8×8 (interleaved) has only zeros between rows and columns differing in local bit j. */
    private static boolean keeps(double[] u, int j) {
        for (int r = 0; r < 8; r++) {
            for (int k = 0; k < 8; k++) {
                if ((((r ^ k) >> j) & 1) != 0 && (u[2 * (8 * r + k)] != 0.0 || u[2 * (8 * r + k) + 1] != 0.0)) return false;
            }
        }
        return true;
    }

    /** Row-major 4×4 entries the exchange table holds: (0,0), (3,3), (1,1), (1,2), (2,1), (2,2). */
    private static final int[] EXCHANGE_ENTRIES = {0, 15, 5, 6, 9, 10};

    /** The three ways to split the columns {0, 1, 2, 3} into two pairs. */
    private static final int[][] PAIRINGS = {{0, 1, 2, 3}, {0, 2, 1, 3}, {0, 3, 1, 2}};

    /**
     * A real 4×4 that is two 2×2 blocks up to a permutation of rows: a real one-qubit gate followed
     * by any permutation (RY then CNOT, as a fused ladder block is; RY⊗I then SWAP; a controlled
     * real rotation). True, with the pair tables filled, when every row's nonzeros lie inside one
     * column pair and each pair feeds exactly two rows.
     */
    private boolean twoPairs(double[] u) {
        // scratch fields, not new arrays: configuring an op allocates nothing
        int[] rowsOf = pairScratch, count = pairCount, free = pairFree;
        for (int[] pc : PAIRINGS) {
            count[0] = 0;
            count[1] = 0;
            int nFree = 0;
            boolean ok = true;
            for (int r = 0; r < 4 && ok; r++) {
                int side = -1;
                for (int k = 0; k < 4; k++) {
                    if (u[2 * (4 * r + k)] == 0.0) continue;
                    int sd = (k == pc[0] || k == pc[1]) ? 0 : 1;
                    if (side >= 0 && side != sd) ok = false;
                    side = sd;
                }
                if (side < 0) free[nFree++] = r;
                else if (count[side] == 2) ok = false;
                else rowsOf[2 * side + count[side]++] = r;
            }
            if (!ok) continue;
            for (int f = 0; f < nFree; f++) { // all-zero rows fill whichever pair has room
                int side = count[0] < 2 ? 0 : 1;
                rowsOf[2 * side + count[side]++] = free[f];
            }
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < 2; i++) {
                    pairRow[2 * p + i] = rowsOf[2 * p + i];
                    pairCol[2 * p + i] = pc[2 * p + i];
                }
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) pairCoef[4 * p + 2 * i + j] = u[2 * (4 * pairRow[2 * p + i] + pairCol[2 * p + j])];
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isReal(double[] u, int len) {
        for (int i = 1; i < len; i += 2) if (u[i] != 0.0) return false;
        return true;
    }

    private void ensureMatrix(int n) {
        if (matrix.length < n) matrix = new double[n];
    }

    /** Keeps insertion positions ascending (insertZero must run from the lowest bit up). */
    private void insert(int pos, boolean one) {
        int i = nInserted++;
        while (i > 0 && inserted[i - 1] > pos) {
            inserted[i] = inserted[i - 1];
            i--;
        }
        inserted[i] = pos;
        if (one) setBits |= 1L << pos;
    }

    private void splitTargets() {
        kh = 0;
        kl = 0;
        for (int j = 0; j < nTargets; j++) {
            int q = targets[j];
            if (q >= LOG_L) {
                hiPos[kh] = q;
                hiBit[kh++] = j;
            } else {
                loPos[kl] = q;
                loBit[kl++] = j;
            }
        }
        int m = 1 << kh;
        if (offsets.length < m) offsets = new long[m];
        for (int h = 0; h < m; h++) {
            long off = 0;
            for (int b = 0; b < kh; b++) if (((h >> b) & 1) != 0) off |= 1L << hiPos[b];
            offsets[h] = off;
        }
    }

    private void fillRyMatrix() {
        ensureMatrix(8);
        matrix[0] = c; matrix[1] = 0; matrix[2] = -s; matrix[3] = 0;
        matrix[4] = s; matrix[5] = 0; matrix[6] = c; matrix[7] = 0;
    }

    int hiLocal(int h) {
        int local = 0;
        for (int b = 0; b < kh; b++) local |= ((h >> b) & 1) << hiBit[b];
        return local;
    }

    int loLocal(int lane) {
        int local = 0;
        for (int b = 0; b < kl; b++) local |= ((lane >> loPos[b]) & 1) << loBit[b];
        return local;
    }

    /** Lane-index pattern of low-target pattern x (bit b of x ↔ lane bit loPos[b]). */
    int laneXor(int x) {
        int lx = 0;
        for (int b = 0; b < kl; b++) lx |= ((x >> b) & 1) << loPos[b];
        return lx;
    }

    /** DIAGONAL: for each high pattern h, the L real then L imaginary per-lane factors. */
    private void buildDiagonalTable() {
        int m = 1 << kh;
        int size = m * 2 * L;
        if (table.length < size) table = new double[size];
        if (skip.length < m) skip = new boolean[m];
        for (int h = 0; h < m; h++) {
            int hl = hiLocal(h);
            for (int lane = 0; lane < L; lane++) {
                int local = hl | loLocal(lane);
                table[(2 * h) * L + lane] = matrix[2 * local];
                table[(2 * h + 1) * L + lane] = matrix[2 * local + 1];
            }
            boolean one = true;
            for (int lane = 0; lane < L; lane++) {
                one &= table[(2 * h) * L + lane] == 1.0 && table[(2 * h + 1) * L + lane] == 0.0;
            }
            skip[h] = one;
        }
    }

    /**
     * GENERIC: out[hOut] = Σ_{hIn, x} T[hOut, hIn, x] ⊙ shuffle(in[hIn], lane ^ laneXor(x)), where lane l
     * of T holds U[row, col] for row = (hOut, low bits of l), col = (hIn, low bits of l ^ laneXor(x)),
     * or the identity on lanes whose low controls are not all 1. With no low targets and no low
     * controls the coefficients do not vary by lane and the matrix is used directly (uniform).
     */
    private void buildGenericTable() {
        int m = 1 << kh, xs = 1 << kl, dimU = 1 << nTargets;
        long allLanes = (1L << L) - 1;
        for (int x = 0; x < xs; x++) laneX[x] = laneXor(x);
        uniform = kl == 0 && laneControl == allLanes;
        keepsLowTargets = false;
        if (uniform) return;
        int size = m * m * xs * 2 * L;
        if (table.length < size) table = new double[size];
        for (int ho = 0; ho < m; ho++) {
            for (int hi = 0; hi < m; hi++) {
                for (int x = 0; x < xs; x++) {
                    int at = ((ho * m + hi) * xs + x) * 2 * L;
                    int lx = laneXor(x);
                    for (int lane = 0; lane < L; lane++) {
                        double re, im;
                        if (((laneControl >> lane) & 1) != 0) {
                            int row = hiLocal(ho) | loLocal(lane);
                            int col = hiLocal(hi) | loLocal(lane ^ lx);
                            re = matrix[2 * (row * dimU + col)];
                            im = matrix[2 * (row * dimU + col) + 1];
                        } else {
                            re = (ho == hi && x == 0) ? 1 : 0;
                            im = 0;
                        }
                        table[at + lane] = re;
                        table[at + L + lane] = im;
                    }
                }
            }
        }
        keepsLowTargets = true;
        for (int ho = 0; ho < m && keepsLowTargets; ho++) {
            for (int hi = 0; hi < m && keepsLowTargets; hi++) {
                for (int x = 1; x < xs && keepsLowTargets; x++) {
                    int at = ((ho * m + hi) * xs + x) * 2 * L;
                    for (int k = 0; k < 2 * L; k++) keepsLowTargets &= table[at + k] == 0.0;
                }
            }
        }
    }

    /**
     * GENERIC with a non-uniform table: every term that takes a lane-shuffled amplitude is 0, so the
     * matrix never changes its low targets (a one-qubit gate on the high target chosen by low
     * qubits, as RY(3)·CX(2, 3)): DenseSweeps#mixedPairReal then skips the shuffles and those terms.
     */
    boolean keepsLowTargets;
}
