package org.qff.simulator.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.GateKernels;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.observable.PauliSum;

/**
 * The fused, cache-blocked backward pass ({@link BackwardPass}) gives the same gradients whatever
 * the block size (down to the smallest, which puts block boundaries inside every structure), and
 * the same as central finite differences.
 */
class BackwardPassTest {
    /**
     * Every step kind in one circuit: runs of one-qubit gates mixing parameterised and fixed ones on
     * every qubit, a CZ ladder and Z (merged diagonals), a long-range CZ, and per-gate steps (CX,
     * Heisenberg, CRY, a controlled phase with a constant angle) that split segments.
     */
    static Circuit circuit(int n, Random r) {
        CircuitBuilder b = Circuit.builder(n);
        for (int l = 0; l < 2; l++) {
            for (int q = 0; q < n; q++) {
                b.h(q).ry(q, RandomCircuits.randomArg(r)).rz(q, RandomCircuits.randomArg(r)).s(q);
                b.su2(q, RandomCircuits.randomArg(r), Expr.input("x1"), RandomCircuits.randomArg(r)).t(q);
            }
            for (int q = 0; q + 1 < n; q++) b.cz(q, q + 1);
            b.cphase(2, n - 2, Expr.constant(0.7)).cz(0, n - 1).z(n / 2);
            b.cx(1, n - 1).heisenberg(n - 3, 0, RandomCircuits.randomArg(r)).cry(n - 1, 3, RandomCircuits.randomArg(r));
            for (int q = n - 1; q >= 0; q--) b.rx(q, RandomCircuits.randomArg(r)).u3(q, RandomCircuits.randomArg(r), Expr.trainable("t1"), Expr.constant(0.2));
        }
        return b.build();
    }

    static double[] gradient(Circuit c, GateKernels k, int blockQubits, Bindings b, PauliSum o, int[] shapes) {
        try (AdjointEvaluator ev = new AdjointEvaluator(c, k, blockQubits)) {
            double[] gt = new double[c.trainableCount()], gx = new double[c.inputCount()];
            ev.gradient(b, o, gt, gx);
            if (shapes != null) System.arraycopy(ev.backwardPass().shapeCounts(), 0, shapes, 0, 4);
            double[] all = new double[gt.length + gx.length];
            System.arraycopy(gt, 0, all, 0, gt.length);
            System.arraycopy(gx, 0, all, gt.length, gx.length);
            return all;
        }
    }

    /**
     * Blocked = whole-state to 1e-12 absolute (the block size only changes the order in which the
     * per-block partial sums of each derivative element are added: rounding ~1e-16 per element).
     */
    @Test
    void blockedBackwardPassEqualsTheWholeStatePass() {
        Random r = new Random(21);
        int n = 10;
        Circuit c = circuit(n, r);
        Bindings b = RandomCircuits.randomBindings(c, r);
        PauliSum o = RandomCircuits.observable(n);
        GateKernels k = VectorKernels.singleThreaded();
        int[] shapes = new int[4];
        double[] whole = gradient(c, k, n, b, o, shapes);
        assertEquals(0, shapes[0] + shapes[1], "one block covers the whole state: " + java.util.Arrays.toString(shapes));
        for (int bq = 0; bq <= n - 1; bq++) {
            double[] blocked = gradient(c, k, bq, b, o, shapes);
            if (bq == 0) {
                // smallest blocks: both block shapes and whole-state segments occur
                assertTrue(shapes[0] > 0 && shapes[1] > 0 && shapes[2] > 0, "block shapes " + java.util.Arrays.toString(shapes));
            }
            assertArrayEquals(whole, blocked, 1e-12, "block of 2^" + bq + " amplitudes");
        }
    }

    /**
     * Fourth-order central differences of the reference (scalar kernels, no adjoint), h = 1e-3:
     * truncation h⁴/30·|f⁽⁵⁾| ≲ 1e-11 even for x1, which enters some forty gates, rounding ~1e-16/h = 1e-13;
     * so 1e-9 absolute, as in AdjointEvaluatorTest, at the smallest blocks.
     */
    static double difference(Circuit c, Bindings b, PauliSum o, int kind, int i) {
        double[] arr = kind == 0 ? b.trainables() : b.inputs();
        double keep = arr[i], h = 1e-3;
        double[] f = new double[4];
        double[] steps = {h, -h, 2 * h, -2 * h};
        for (int s = 0; s < 4; s++) {
            arr[i] = keep + steps[s];
            f[s] = AdjointEvaluatorTest.reference(c, b, o);
        }
        arr[i] = keep;
        return (8 * (f[0] - f[1]) - (f[2] - f[3])) / (12 * h);
    }

    @Test
    void blockedBackwardPassMatchesFiniteDifferences() {
        Random r = new Random(22);
        int n = 8;
        Circuit c = circuit(n, r);
        Bindings b = RandomCircuits.randomBindings(c, r);
        PauliSum o = RandomCircuits.observable(n);
        double[] g = gradient(c, VectorKernels.singleThreaded(), 0, b, o, null);
        int nt = c.trainableCount();
        for (int i = 0; i < nt; i++) assertEquals(difference(c, b, o, 0, i), g[i], 1e-9, "∂/∂" + c.trainableNames().get(i));
        for (int i = 0; i < c.inputCount(); i++) assertEquals(difference(c, b, o, 1, i), g[nt + i], 1e-9, "∂/∂" + c.inputNames().get(i));
    }

    /** Kernels on two threads (parallel from 2^1 amplitudes, so every kernel call splits) give bit-identical gradients. */
    @Test
    void oneAndTwoThreadsGiveIdenticalGradients() {
        Random r = new Random(23);
        int n = 9;
        Circuit c = circuit(n, r);
        Bindings b = RandomCircuits.randomBindings(c, r);
        PauliSum o = RandomCircuits.observable(n);
        for (int bq : new int[] {0, 6, n}) {
            assertArrayEquals(gradient(c, VectorKernels.singleThreaded(), bq, b, o, null),
                    gradient(c, VectorKernels.withThreads(2, 1), bq, b, o, null), "block of 2^" + bq);
        }
    }
}
