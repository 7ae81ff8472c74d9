package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesClose;
import static org.qff.simulator.kernel.KernelTestSupport.assertStatesIdentical;
import static org.qff.simulator.kernel.KernelTestSupport.randomPhases;
import static org.qff.simulator.kernel.KernelTestSupport.randomQubits;
import static org.qff.simulator.kernel.KernelTestSupport.randomState;
import static org.qff.simulator.kernel.KernelTestSupport.randomUnitary;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;

/**
 * Gathered cache blocks (VectorKernels#applyGathered): strided blocks copied into a contiguous
 * buffer, ops remapped to buffer qubits. Against the same ops applied one by one to the whole
 * state. Tolerance 1e-12: a remapped op may run through a different kernel (a pair of high
 * targets can become low ones in the buffer), so results agree to rounding, not bit for bit; 40
 * unitary ops each add ~1e-16 per amplitude of unit-norm states.
 */
class GatheredBlocksTest {

    /** 40 random ops of every kind on the qubits of the split [0, c) ∪ [h, n). */
    static List<KernelOp> randomOps(int n, int c, int h, Random rnd) {
        int[] free = java.util.stream.IntStream.range(0, n).filter(q -> q < c || q >= h).toArray();
        List<KernelOp> ops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int[] pick = randomQubits(free.length, Math.min(3, free.length), rnd);
            int a = free[pick[0]], b = free[pick[1]], d = free[pick[2]];
            double t = rnd.nextDouble() * 6.3, co = Math.cos(t / 2), si = Math.sin(t / 2);
            switch (i % 9) {
                case 0 -> ops.add(KernelOp.ry(a, t));
                case 1 -> ops.add(KernelOp.dense(new int[] {a}, randomUnitary(1, rnd)));
                case 2 -> ops.add(KernelOp.controlledX(new int[] {b}, a));
                case 3 -> ops.add(KernelOp.dense(new int[] {a, b}, randomUnitary(2, rnd)));
                case 4 -> ops.add(KernelOp.diagonal(new int[] {a, d}, randomPhases(2, rnd)));
                case 5 -> ops.add(KernelOp.swap(a, d));
                // RY(b) then CNOT(a -> b): a paired real 4x4, as fused ladder blocks are
                case 6 -> ops.add(KernelOp.dense(new int[] {a, b}, ladderBlock(co, si)));
                case 7 -> ops.add(KernelOp.controlled(new int[] {d}, new int[] {a, b}, randomUnitary(2, rnd)));
                default -> ops.add(KernelOp.dense(new int[] {a, b, d}, randomUnitary(3, rnd)));
            }
        }
        return ops;
    }

    /**
     * RY on local bit 1 then CNOT (control bit 0, target bit 1): a fused ladder block, a real 4x4
     * that is two 2x2 blocks up to a row swap (rows 1 and 3).
     */
    static double[] ladderBlock(double co, double si) {
        double[] u = new double[32];
        u[2 * (4 * 0 + 0)] = co; u[2 * (4 * 0 + 2)] = -si;
        u[2 * (4 * 2 + 0)] = si; u[2 * (4 * 2 + 2)] = co;
        u[2 * (4 * 1 + 1)] = si; u[2 * (4 * 1 + 3)] = co;
        u[2 * (4 * 3 + 1)] = co; u[2 * (4 * 3 + 3)] = -si;
        return u;
    }

    static List<KernelOp> remapped(List<KernelOp> ops, int n, int c, int h) {
        int[] map = new int[n];
        for (int q = 0; q < n; q++) map[q] = q < c ? q : q >= h ? c + q - h : -1;
        List<KernelOp> out = new ArrayList<>();
        for (KernelOp op : ops) {
            KernelOp copy = KernelOp.scale(1.0);
            copy.remapFrom(op, map);
            out.add(copy);
        }
        return out;
    }

    @Test
    void gatheredBlocksEqualOpByOpApplication() {
        Random rnd = new Random(2026);
        int cases = 0;
        for (int n = 4; n <= 14; n++) {
            for (int c = 3; c <= n; c += 2) {
                for (int h = c; h <= n; h += 3) {
                    List<KernelOp> ops = randomOps(n, c, h, rnd);
                    List<KernelOp> local = remapped(ops, n, c, h);
                    try (StateVector seq = randomState(n, rnd); StateVector one = seq.copy(); StateVector two = seq.copy()) {
                        VectorKernels k1 = VectorKernels.singleThreaded();
                        for (KernelOp op : ops) k1.apply(seq, op);
                        k1.applyGathered(one, local, c, h);
                        VectorKernels.withThreads(2, 4).applyGathered(two, local, c, h);
                        String what = "n=" + n + " split [0," + c + ") u [" + h + "," + n + ")";
                        assertStatesClose(seq, one, KernelTestSupport.TOL, what);
                        assertStatesIdentical(one, two, what + ", 1 vs 2 threads");
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases > 40, cases + " cases");
    }

    @Test
    void ladderBlocksStayOnThePairedKernelInTheBuffer() {
        // a CNOT ladder's fused blocks on the high qubits of a split [0, 4) u [8, 12) keep their fast kernel
        List<KernelOp> ops = new ArrayList<>();
        for (int[] q : new int[][] {{3, 8}, {8, 9}, {9, 10}, {10, 11}}) ops.add(KernelOp.dense(q, ladderBlock(Math.cos(0.2 * q[0]), Math.sin(0.2 * q[0]))));
        List<KernelOp> local = remapped(ops, 12, 4, 8);
        for (int i = 0; i < ops.size(); i++) {
            assertTrue(ops.get(i).kind == KernelOp.Kind.PAIRS2_REAL_HIGH, ops.get(i).toString());
            assertTrue(local.get(i).kind == KernelOp.Kind.PAIRS2_REAL_HIGH, local.get(i).toString());
        }
        try (StateVector seq = randomState(12, new Random(3)); StateVector gathered = seq.copy()) {
            VectorKernels k = VectorKernels.singleThreaded();
            for (KernelOp op : ops) k.apply(seq, op);
            k.applyGathered(gathered, local, 4, 8);
            assertStatesClose(seq, gathered, KernelTestSupport.TOL, "ladder blocks");
        }
    }

    @Test
    void opsOutsideTheBufferAndBadSplitsAreRejected() {
        try (StateVector s = StateVector.zero(10)) {
            VectorKernels k = VectorKernels.singleThreaded();
            // split [0, 4) u [8, 10): a 6-qubit buffer, so buffer qubit 6 is out of range
            assertThrows(IllegalArgumentException.class, () -> k.applyGathered(s, List.of(KernelOp.ry(6, 0.1)), 4, 8));
            assertThrows(IllegalArgumentException.class, () -> k.applyGathered(s, List.of(), 2, 8));
            assertThrows(IllegalArgumentException.class, () -> k.applyGathered(s, List.of(), 5, 4));
            assertThrows(IllegalArgumentException.class, () -> k.applyGathered(s, List.of(), 4, 11));
        }
    }
}
