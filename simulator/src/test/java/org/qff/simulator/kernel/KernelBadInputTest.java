package org.qff.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.qff.simulator.StateVector;

/** Bad input through the public kernel API: a clear IllegalArgumentException naming the value. */
class KernelBadInputTest {
    private static final VectorKernels K = VectorKernels.singleThreaded();

    private static void rejects(String mentions, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(mentions), () -> "message '" + ex.getMessage() + "' should mention " + mentions);
    }

    @Test
    void qubitOutsideTheState() {
        try (StateVector s = StateVector.zero(4)) {
            rejects("4", () -> K.ry(s, 4, 0.1));
            rejects("7", () -> K.controlledX(s, new int[] {7}, 0));
            rejects("-1", () -> K.dense1(s, -1, new double[8]));
            rejects("30", () -> KernelOp.ry(30, 0.1));
        }
    }

    @Test
    void repeatedQubit() {
        try (StateVector s = StateVector.zero(4)) {
            rejects("qubit 2 appears twice", () -> K.dense2(s, 2, 2, new double[32]));
            rejects("qubit 1 appears twice", () -> K.controlledX(s, new int[] {1}, 1));
            rejects("qubit 3 appears twice", () -> K.swap(s, 3, 3));
            rejects("qubit 0 appears twice", () -> K.diagonal(s, new int[] {0, 0}, new double[8]));
        }
    }

    @Test
    void wrongSizesAndNonFiniteValues() {
        try (StateVector s = StateVector.zero(4)) {
            rejects("got 6", () -> K.dense1(s, 0, new double[6]));
            rejects("NaN", () -> K.ry(s, 0, Double.NaN));
            rejects("Infinity", () -> K.diagonal1(s, 0, 1, 0, Double.POSITIVE_INFINITY, 0));
            rejects("not 6", () -> K.denseK(s, new int[] {0, 1, 2, 3, 4, 5}, new double[2 << 12]));
            rejects("scale factor is NaN", () -> K.scale(s, Double.NaN));
            rejects("matrix entry 3 is NaN", () -> K.dense1(s, 0, new double[] {1, 0, 0, Double.NaN, 0, 0, 1, 0}));
        }
    }

    @Test
    void blockedOpsMustStayInsideTheBlock() {
        try (StateVector s = StateVector.zero(8)) {
            rejects("reaches qubit 6", () -> K.applyBlocked(s, List.of(KernelOp.ry(2, 0.1), KernelOp.ry(6, 0.2)), 5));
            rejects("block size", () -> K.applyBlocked(s, List.of(), 0));
        }
    }

    @Test
    void badThreadCounts() {
        rejects("thread count 0", () -> VectorKernels.withThreads(0));
        rejects("parallel threshold 0", () -> VectorKernels.withThreads(2, 0));
    }

    @Test
    void qubitCountOutOfRange() {
        rejects("0", () -> StateVector.zero(0));
        rejects("31", () -> StateVector.zero(31));
    }

    @Test
    void stateLargerThanTheMemoryCapIsAClearErrorWithoutAllocating() {
        // The cap stands in for a machine with 1 GiB free: 27 qubits need 2 GiB.
        String old = System.getProperty("qff.simulator.maxStateBytes");
        System.setProperty("qff.simulator.maxStateBytes", Long.toString(1L << 30));
        try {
            rejects("27 qubits needs 2048 MiB", () -> StateVector.zero(27));
            try (StateVector ok = StateVector.zero(10)) {
                assertTrue(ok.norm2() == 1.0);
            }
        } finally {
            if (old == null) System.clearProperty("qff.simulator.maxStateBytes");
            else System.setProperty("qff.simulator.maxStateBytes", old);
        }
    }
}
