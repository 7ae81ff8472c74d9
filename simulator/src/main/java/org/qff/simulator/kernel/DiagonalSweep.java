package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.S;
import static org.qff.simulator.kernel.Lanes.load;
import static org.qff.simulator.kernel.Lanes.store;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

/**
 * Diagonal gates (RZ, phase, S, T, CZ, controlled phase, ZZ rotations) as one multiply pass.
 *
 * <p>A group is one vector. The per-lane factor vectors depend only on the bits of the gate's high
 * qubits, which stay fixed over runs of 2^(lowest high qubit) amplitudes: the factors are loaded
 * once per run, and runs whose factors are all exactly 1 (3/4 of a CZ) are skipped, so those
 * amplitudes are neither read nor written.
 */
final class DiagonalSweep {
    private DiagonalSweep() {}

    static void apply(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        double[] tab = op.table;
        int kh = op.kh;
        if (kh == 0) {
            if (!op.skip[0]) multiply(seg, dim, tab, 0, from, to);
            return;
        }
        int lowestHigh = Integer.MAX_VALUE;
        for (int b = 0; b < kh; b++) lowestHigh = Math.min(lowestHigh, op.hiPos[b]);
        int runShift = lowestHigh - LOG_L;
        for (long g = from; g < to; ) {
            long idx = g << LOG_L;
            int h = 0;
            for (int b = 0; b < kh; b++) h |= (int) ((idx >> op.hiPos[b]) & 1) << b;
            long end = Math.min(to, ((g >> runShift) + 1) << runShift);
            if (!op.skip[h]) {
                multiply(seg, dim, tab, 2 * h * L, g, end);
            }
            g = end;
        }
    }

    /** Factors are passed as a table offset, not as vectors: a vector argument of a call that is not inlined is boxed. */
    private static void multiply(MemorySegment seg, long dim, double[] tab, int at, long from, long to) {
        DoubleVector cr = DoubleVector.fromArray(S, tab, at), ci = DoubleVector.fromArray(S, tab, at + L);
        DoubleVector nci = ci.neg();
        for (long g = from; g < to; g++) {
            long i = g << LOG_L;
            DoubleVector vr = load(seg, i), vi = load(seg, dim + i);
            store(vr.fma(cr, vi.mul(nci)), seg, i);
            store(vr.fma(ci, vi.mul(cr)), seg, dim + i);
        }
    }
}
