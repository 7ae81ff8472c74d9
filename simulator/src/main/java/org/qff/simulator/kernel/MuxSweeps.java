package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.S;
import static org.qff.simulator.kernel.Lanes.load;
import static org.qff.simulator.kernel.Lanes.store;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

/**
 * A real 4×4 on two high targets chosen by a third high qubit that it never changes (a
 * "multiplexed" pair: U0 where the selector is 0, U1 where it is 1).
 *
 * <p>Why: a CNOT ladder fused two qubits at a time is a chain of real blocks B_j on (j, j+1), each
 * RY then CNOT(j, j+1), in which qubit j is only a control. Two neighbours B_{j+1}·B_j act on
 * (j+1, j+2) with j as a selector, so one pass does the work of two: a pass costs about the same
 * (its loads, stores and index stepping) whether it applies one pair or two, and the pair's 16
 * multiply-adds per group of four vectors and half are still fewer than the FMA ports can do in
 * that time.
 *
 * <p>Shape: the two selector values are two walks over the op's groups, each with its matrix's
 * coefficients broadcast per row from the array, as {@link DenseSweeps#dense2High} does (hoisting
 * all 16 broadcasts there made C2 box every vector). The walk steps the index past the skipped
 * bits by mask, so short runs (lowest target 3) cost no per-run set-up.
 */
final class MuxSweeps {
    private MuxSweeps() {}

    static void mux2HighReal(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        long mask = op.skipMask();
        long start = op.indexOf(from << LOG_L);
        walk(seg, dim, op.muxCoef, 0, op.offsets, start, to - from, mask, 0);
        walk(seg, dim, op.muxCoef, 16, op.offsets, start | op.muxSelect, to - from, mask, op.muxSelect);
    }

    /**
     * {@code count} groups from amplitude index a, stepping a ← ((a | mask) + L) &amp; ~mask | pattern:
     * the next index whose bits under mask equal pattern.
     */
    private static void walk(MemorySegment seg, long dim, double[] u, int at, long[] off, long a, long count,
                             long mask, long pattern) {
        long o1 = off[1], o2 = off[2], o3 = off[3];
        long keep = ~mask;
        for (long g = 0; g < count; g++) {
            long a1 = a + o1, a2 = a + o2, a3 = a + o3;
            DoubleVector x0r = load(seg, a), x1r = load(seg, a1), x2r = load(seg, a2), x3r = load(seg, a3);
            DoubleVector x0i = load(seg, dim + a), x1i = load(seg, dim + a1), x2i = load(seg, dim + a2), x3i = load(seg, dim + a3);
            for (int row = 0; row < 4; row++) {
                int r = at + 4 * row;
                long to = a + off[row];
                DoubleVector u0 = DoubleVector.broadcast(S, u[r]), u1 = DoubleVector.broadcast(S, u[r + 1]);
                DoubleVector u2 = DoubleVector.broadcast(S, u[r + 2]), u3 = DoubleVector.broadcast(S, u[r + 3]);
                store(x0r.fma(u0, x1r.fma(u1, x2r.fma(u2, x3r.mul(u3)))), seg, to);
                store(x0i.fma(u0, x1i.fma(u1, x2i.fma(u2, x3i.mul(u3)))), seg, dim + to);
            }
            a = (((a | mask) + L) & keep) | pattern;
        }
    }
}
