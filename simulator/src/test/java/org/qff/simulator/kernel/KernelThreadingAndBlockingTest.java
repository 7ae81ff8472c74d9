package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;

/** Thread-count independence, cache-blocked application, and long random unitary sequences. */
class KernelThreadingAndBlockingTest {

    /** One random gate of a random kind on random qubits, through the GateKernels interface. */
    private static void randomGate(GateKernels k, StateVector s, Random rnd) {
        int n = s.qubits();
        int kind = rnd.nextInt(n >= 3 ? 10 : 7);
        int[] q = randomQubits(n, Math.min(n, kind >= 7 ? 3 : 2), rnd);
        switch (kind) {
            case 0 -> k.dense1(s, q[0], randomUnitary(1, rnd));
            case 1 -> k.ry(s, q[0], rnd.nextDouble() * 6.3);
            case 2 -> {
                double a = rnd.nextDouble() * 6.3;
                k.diagonal1(s, q[0], Math.cos(a), -Math.sin(a), Math.cos(a), Math.sin(a));
            }
            case 3 -> k.controlledX(s, n >= 2 ? new int[] {q[1]} : new int[0], q[0]);
            case 4 -> { if (n >= 2) k.swap(s, q[0], q[1]); }
            case 5 -> { if (n >= 2) k.dense2(s, q[0], q[1], randomUnitary(2, rnd)); }
            case 6 -> { if (n >= 2) k.diagonal(s, new int[] {q[0], q[1]}, randomPhases(2, rnd)); }
            case 7 -> k.denseK(s, q, randomUnitary(3, rnd));
            case 8 -> k.controlled1(s, new int[] {q[1], q[2]}, q[0], randomUnitary(1, rnd));
            default -> k.controlledX(s, new int[] {q[1], q[2]}, q[0]);
        }
    }

    @Test
    void oneTwoAndThreeThreadsGiveBitIdenticalStates() {
        // Threshold 4 qubits so that even small states take the parallel path.
        GateKernels one = VectorKernels.singleThreaded();
        GateKernels two = VectorKernels.withThreads(2, 4);
        GateKernels three = VectorKernels.withThreads(3, 4);
        for (int n = 4; n <= 13; n++) {
            Random seedA = new Random(100 + n), seedB = new Random(100 + n), seedC = new Random(100 + n);
            try (StateVector a = randomState(n, new Random(n)); StateVector b = a.copy(); StateVector c = a.copy()) {
                for (int g = 0; g < 200; g++) {
                    randomGate(one, a, seedA);
                    randomGate(two, b, seedB);
                    randomGate(three, c, seedC);
                }
                assertStatesIdentical(a, b, "1 vs 2 threads, n=" + n);
                assertStatesIdentical(a, c, "1 vs 3 threads, n=" + n);
            }
        }
    }

    @Test
    void normStaysOneAndStateMatchesReferenceAfterTenThousandGates() {
        int n = 10;
        Random r1 = new Random(7), r2 = new Random(7);
        try (StateVector vec = randomState(n, new Random(8)); StateVector ref = vec.copy()) {
            GateKernels k = VectorKernels.withThreads(2, 6);
            for (int g = 0; g < 10_000; g++) {
                randomGate(k, vec, r1);
                randomGate(ScalarKernels.INSTANCE, ref, r2);
            }
            // Rounding adds ~1e-16 per gate, in random directions: ~1e-14 after 10^4 gates.
            assertEquals(1.0, vec.norm2(), 1e-12);
            // The two orders of summation drift apart by the same random walk, scaled by amplitudes ~ 2^-5.
            assertStatesClose(ref, vec, 1e-11, "after 10^4 random gates");
        }
    }

    @Test
    void blockedApplicationEqualsGateByGateBitForBit() {
        Random rnd = new Random(11);
        for (int n : new int[] {2, 5, 9, 12}) {
            for (int blockQubits : new int[] {3, 4, 6, 8}) {
                int b = Math.min(blockQubits, n);
                List<KernelOp> ops = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    int[] q = randomQubits(b, Math.min(b, 2), rnd);
                    switch (i % 6) {
                        case 0 -> ops.add(KernelOp.ry(q[0], rnd.nextDouble()));
                        case 1 -> ops.add(KernelOp.dense(new int[] {q[0]}, randomUnitary(1, rnd)));
                        case 2 -> ops.add(b >= 2 ? KernelOp.controlledX(new int[] {q[1]}, q[0]) : KernelOp.ry(q[0], 0.3));
                        case 3 -> ops.add(b >= 2 ? KernelOp.dense(q, randomUnitary(2, rnd)) : KernelOp.ry(q[0], 0.2));
                        case 4 -> ops.add(KernelOp.diagonal(new int[] {q[0]}, randomPhases(1, rnd)));
                        default -> ops.add(b >= 3 ? KernelOp.dense(randomQubits(b, 3, rnd), randomUnitary(3, rnd))
                                : KernelOp.scale(1.0));
                    }
                }
                assertBlockedIsGateByGate(n, blockQubits, ops, rnd);
            }
        }
    }

    /** applyBlocked with 1 and 2 threads against the ops applied one by one, bit for bit. */
    private static void assertBlockedIsGateByGate(int n, int blockQubits, List<KernelOp> ops, Random rnd) {
        try (StateVector seq = randomState(n, rnd); StateVector blk = seq.copy(); StateVector blk2 = seq.copy()) {
            VectorKernels one = VectorKernels.singleThreaded();
            for (KernelOp op : ops) one.apply(seq, op);
            one.applyBlocked(blk, ops, blockQubits);
            VectorKernels.withThreads(2, 4).applyBlocked(blk2, ops, blockQubits);
            assertStatesIdentical(seq, blk, "blocked n=" + n + " b=" + blockQubits);
            assertStatesIdentical(seq, blk2, "blocked, 2 threads, n=" + n + " b=" + blockQubits);
        }
    }

    @Test
    void blocksWiderThanTheInnerSubBlockTakeLowOpsSubBlockBySubBlockBitForBit() {
        // Contiguous blocks of 15 and 16 qubits: runs of ops below qubit 14 go through inner
        // sub-blocks (SubBlocks), interleaved with ops reaching qubits 14 and 15 over the whole block.
        Random rnd = new Random(17);
        int n = 17;
        for (int blockQubits : new int[] {SubBlocks.INNER_QUBITS + 1, SubBlocks.INNER_QUBITS + 2}) {
            List<KernelOp> ops = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                int reach = (i / 4) % 3 == 2 ? blockQubits : SubBlocks.INNER_QUBITS; // runs of four low ops, then four that may reach up
                int[] q = randomQubits(reach, 3, rnd);
                switch (i % 6) {
                    case 0 -> ops.add(KernelOp.ry(q[0], rnd.nextDouble()));
                    case 1 -> ops.add(KernelOp.dense(new int[] {q[0]}, randomUnitary(1, rnd)));
                    case 2 -> ops.add(KernelOp.controlledX(new int[] {q[1]}, q[0]));
                    case 3 -> ops.add(KernelOp.dense(new int[] {q[0], q[1]}, randomUnitary(2, rnd)));
                    case 4 -> ops.add(KernelOp.diagonal(new int[] {q[0], q[2]}, randomPhases(2, rnd)));
                    default -> ops.add(KernelOp.dense(q, randomUnitary(3, rnd)));
                }
            }
            assertBlockedIsGateByGate(n, blockQubits, ops, rnd);
        }
    }

    @Test
    void blocksWiderThanL2NestL2AndInnerSubBlocksBitForBit() {
        // Contiguous blocks of 17 and 18 qubits: runs of ops below qubit 16 go through L2-sized
        // sub-blocks, and within those, runs below qubit 14 through inner ones (SubBlocks),
        // interleaved with ops reaching qubits 16 and 17 over the whole block.
        Random rnd = new Random(18);
        int n = 18;
        for (int blockQubits : new int[] {17, 18}) {
            List<KernelOp> ops = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                int group = (i / 3) % 3; // runs of three ops below 14, three below 16, three up to the block's top
                int reach = group == 0 ? SubBlocks.INNER_QUBITS : group == 1 ? SubBlocks.L2_QUBITS : blockQubits;
                int[] q = randomQubits(reach, 3, rnd);
                switch (i % 3) {
                    case 0 -> ops.add(KernelOp.ry(q[0], rnd.nextDouble()));
                    case 1 -> ops.add(KernelOp.dense(new int[] {q[0], q[1]}, randomUnitary(2, rnd)));
                    default -> ops.add(KernelOp.controlledX(new int[] {q[1]}, q[0]));
                }
            }
            assertBlockedIsGateByGate(n, blockQubits, ops, rnd);
        }
    }

    @Test
    void splitBlocksOnLowAndHighQubitsEqualGateByGateBitForBit() {
        Random rnd = new Random(13);
        int n = 12;
        for (int[] split : new int[][] {{3, 8}, {4, 9}, {5, 5}, {6, 12}, {1, 10}}) {
            int c = split[0], h = split[1];
            int[] free = java.util.stream.IntStream.range(0, n).filter(q -> q < c || q >= h).toArray();
            List<KernelOp> ops = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int[] pick = randomQubits(free.length, Math.min(3, free.length), rnd);
                int a = free[pick[0]], b = free[pick[1]], d = free[pick[2]];
                switch (i % 7) {
                    case 0 -> ops.add(KernelOp.ry(a, rnd.nextDouble()));
                    case 1 -> ops.add(KernelOp.dense(new int[] {a}, randomUnitary(1, rnd)));
                    case 2 -> ops.add(KernelOp.controlledX(new int[] {b}, a));
                    case 3 -> ops.add(KernelOp.dense(new int[] {a, b}, randomUnitary(2, rnd)));
                    case 4 -> ops.add(KernelOp.diagonal(new int[] {a, d}, randomPhases(2, rnd)));
                    case 5 -> ops.add(KernelOp.swap(a, d));
                    default -> ops.add(KernelOp.dense(new int[] {a, b, d}, randomUnitary(3, rnd)));
                }
            }
            try (StateVector seq = randomState(n, rnd); StateVector blk = seq.copy(); StateVector blk2 = seq.copy()) {
                VectorKernels one = VectorKernels.singleThreaded();
                for (KernelOp op : ops) one.apply(seq, op);
                one.applyBlocked(blk, ops, c, h);
                VectorKernels.withThreads(2, 4).applyBlocked(blk2, ops, c, h);
                assertStatesIdentical(seq, blk, "split blocks [0," + c + ") u [" + h + "," + n + ")");
                assertStatesIdentical(seq, blk2, "split blocks, 2 threads, [0," + c + ") u [" + h + "," + n + ")");
            }
        }
    }

    @Test
    void reboundOpsMatchFreshOnes() {
        Random rnd = new Random(12);
        try (StateVector a = randomState(8, rnd); StateVector b = a.copy()) {
            KernelOp ry = KernelOp.ry(5, 0.1);
            KernelOp d = KernelOp.dense(new int[] {1, 6}, randomUnitary(2, rnd));
            KernelOp g = KernelOp.dense(new int[] {0, 4, 7}, randomUnitary(3, rnd));
            double[] u2 = randomUnitary(2, rnd), u3 = randomUnitary(3, rnd);
            ry.setAngle(1.3);
            d.setMatrix(u2);
            g.setMatrix(u3);
            VectorKernels k = VectorKernels.singleThreaded();
            k.apply(a, ry);
            k.apply(a, d);
            k.apply(a, g);
            k.ry(b, 5, 1.3);
            k.dense2(b, 1, 6, u2);
            k.denseK(b, new int[] {0, 4, 7}, u3);
            assertStatesIdentical(b, a, "rebound ops");
        }
    }
}
