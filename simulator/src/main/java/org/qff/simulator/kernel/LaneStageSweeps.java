package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * Real multiplexed 2×2 stages on the three lane qubits ({@link KernelOp#laneStages}), all inside one
 * vector: per stage j, out = a_j ⊙ v + b_j ⊙ (v with lanes i and i ^ 2^j exchanged), with per-lane
 * coefficients that encode the context-dependent 2×2. A CNOT ladder's first blocks (RY(0), RY(1),
 * CX(0, 1), RY(2), CX(1, 2)) are three such stages: one pass with real arithmetic, where the two
 * fused blocks took two passes and the first went through the complex generic kernel.
 */
final class LaneStageSweeps {
    private LaneStageSweeps() {}

    private static final VectorShuffle<Double> X1 = Lanes.xor(1), X2 = Lanes.xor(2), X4 = Lanes.xor(4);

    static void apply(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        if (op.laneHigh >= 0) {
            withHigh(seg, dim, op, from, to);
            return;
        }
        double[] t = op.table;
        DoubleVector a0 = DoubleVector.fromArray(S, t, 0), b0 = DoubleVector.fromArray(S, t, L);
        DoubleVector a1 = DoubleVector.fromArray(S, t, 2 * L), b1 = DoubleVector.fromArray(S, t, 3 * L);
        DoubleVector a2 = DoubleVector.fromArray(S, t, 4 * L), b2 = DoubleVector.fromArray(S, t, 5 * L);
        for (long i = from << LOG_L, end = to << LOG_L; i < end; i += L) {
            DoubleVector r = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER), m = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            r = r.rearrange(X1).fma(b0, r.mul(a0));
            m = m.rearrange(X1).fma(b0, m.mul(a0));
            r = r.rearrange(X2).fma(b1, r.mul(a1));
            m = m.rearrange(X2).fma(b1, m.mul(a1));
            r.rearrange(X4).fma(b2, r.mul(a2)).intoMemorySegment(seg, i << 3, ORDER);
            m.rearrange(X4).fma(b2, m.mul(a2)).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /**
     * The lane stages on both vectors of a group (the high qubit 0 and 1), then the high stage with
     * per-lane 2×2s. The group index steps past the high bit by mask; calls written out, as in
     * TileSweeps (a kernel this size, through helpers, risks C2 boxing its vectors).
     */
    private static void withHigh(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        // every call before the vectors are made: a vector live across a call that is not inlined is boxed
        long a = op.indexOf(from << LOG_L);
        double[] t = op.table;
        DoubleVector a0 = DoubleVector.fromArray(S, t, 0), b0 = DoubleVector.fromArray(S, t, L);
        DoubleVector a1 = DoubleVector.fromArray(S, t, 2 * L), b1 = DoubleVector.fromArray(S, t, 3 * L);
        DoubleVector a2 = DoubleVector.fromArray(S, t, 4 * L), b2 = DoubleVector.fromArray(S, t, 5 * L);
        DoubleVector h00 = DoubleVector.fromArray(S, t, 6 * L), h01 = DoubleVector.fromArray(S, t, 7 * L);
        DoubleVector h10 = DoubleVector.fromArray(S, t, 8 * L), h11 = DoubleVector.fromArray(S, t, 9 * L);
        long mask = 1L << op.laneHigh, keep = ~mask, partner = mask << 3, half = dim << 3;
        for (long g = from; g < to; g++) {
            long b = a << 3;
            DoubleVector r0 = DoubleVector.fromMemorySegment(S, seg, b, ORDER);
            DoubleVector r1 = DoubleVector.fromMemorySegment(S, seg, b + partner, ORDER);
            DoubleVector m0 = DoubleVector.fromMemorySegment(S, seg, b + half, ORDER);
            DoubleVector m1 = DoubleVector.fromMemorySegment(S, seg, b + half + partner, ORDER);
            r0 = r0.rearrange(X1).fma(b0, r0.mul(a0));
            r1 = r1.rearrange(X1).fma(b0, r1.mul(a0));
            m0 = m0.rearrange(X1).fma(b0, m0.mul(a0));
            m1 = m1.rearrange(X1).fma(b0, m1.mul(a0));
            r0 = r0.rearrange(X2).fma(b1, r0.mul(a1));
            r1 = r1.rearrange(X2).fma(b1, r1.mul(a1));
            m0 = m0.rearrange(X2).fma(b1, m0.mul(a1));
            m1 = m1.rearrange(X2).fma(b1, m1.mul(a1));
            r0 = r0.rearrange(X4).fma(b2, r0.mul(a2));
            r1 = r1.rearrange(X4).fma(b2, r1.mul(a2));
            m0 = m0.rearrange(X4).fma(b2, m0.mul(a2));
            m1 = m1.rearrange(X4).fma(b2, m1.mul(a2));
            r1.fma(h01, r0.mul(h00)).intoMemorySegment(seg, b, ORDER);
            r1.fma(h11, r0.mul(h10)).intoMemorySegment(seg, b + partner, ORDER);
            m1.fma(h01, m0.mul(h00)).intoMemorySegment(seg, b + half, ORDER);
            m1.fma(h11, m0.mul(h10)).intoMemorySegment(seg, b + half + partner, ORDER);
            a = ((a | mask) + L) & keep;
        }
    }
}
