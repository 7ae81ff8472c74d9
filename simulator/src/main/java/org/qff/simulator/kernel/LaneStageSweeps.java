package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.load;
import static org.qff.simulator.kernel.Lanes.store;

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
        double[] t = op.table;
        DoubleVector a0 = DoubleVector.fromArray(Lanes.S, t, 0), b0 = DoubleVector.fromArray(Lanes.S, t, L);
        DoubleVector a1 = DoubleVector.fromArray(Lanes.S, t, 2 * L), b1 = DoubleVector.fromArray(Lanes.S, t, 3 * L);
        DoubleVector a2 = DoubleVector.fromArray(Lanes.S, t, 4 * L), b2 = DoubleVector.fromArray(Lanes.S, t, 5 * L);
        for (long i = from << LOG_L, end = to << LOG_L; i < end; i += L) {
            DoubleVector r = load(seg, i), m = load(seg, dim + i);
            r = r.rearrange(X1).fma(b0, r.mul(a0));
            m = m.rearrange(X1).fma(b0, m.mul(a0));
            r = r.rearrange(X2).fma(b1, r.mul(a1));
            m = m.rearrange(X2).fma(b1, m.mul(a1));
            store(r.rearrange(X4).fma(b2, r.mul(a2)), seg, i);
            store(m.rearrange(X4).fma(b2, m.mul(a2)), seg, dim + i);
        }
    }
}
