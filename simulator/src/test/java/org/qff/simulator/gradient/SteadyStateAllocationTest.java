package org.qff.simulator.gradient;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.SteadyAllocation;
import org.qff.simulator.batch.BatchEvaluator;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.observable.PauliSum;

/**
 * Repeated evaluations allocate nothing once the JIT has compiled them, with the real Vector API
 * kernels (where a failed intrinsic would box every vector), each workload measured in a JVM of its
 * own ({@link SteadyAllocation}).
 */
class SteadyStateAllocationTest {
    /** The QNN workload's gates (SU2 encodings, Heisenberg exchange) and the hardware-efficient ones (RY, RZ, CZ), plus a few others. */
    static Circuit mixed(int n) {
        CircuitBuilder b = Circuit.builder(n);
        for (int l = 0; l < 2; l++) {
            for (int q = 0; q < n; q++) {
                Expr a = Expr.trainable("a" + l + "_" + q);
                b.su2(q, Expr.input("x" + q).times(a), Expr.input("y" + q).times(a), Expr.input("z" + q).times(a));
                b.ry(q, Expr.trainable("r" + l + "_" + q)).rz(q, Expr.trainable("z" + l + "_" + q)).h(q);
            }
            for (int q = 0; q < n; q++) b.heisenberg(q, (q + 1) % n, Expr.trainable("j" + l + "_" + q));
            for (int q = 0; q + 1 < n; q++) b.cz(q, q + 1);
            b.crx(0, n - 1, Expr.trainable("c" + l)).rzz(1, 2, Expr.trainable("zz" + l)).cx(2, 0);
        }
        return b.build();
    }

    static Bindings randomBindings(Circuit c, Random r) {
        double[] t = new double[c.trainableCount()], x = new double[c.inputCount()];
        for (int i = 0; i < t.length; i++) t[i] = 2 * r.nextDouble() - 1;
        for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
        return new Bindings(t, x);
    }

    @Test
    void adjointGradientsDoNotAllocateInSteadyState() throws Exception {
        SteadyAllocation.assertAllocatesNothing(Workload.class, "adjoint", "gradients");
    }

    @Test
    void batchedGradientsDoNotAllocateInSteadyState() throws Exception {
        SteadyAllocation.assertAllocatesNothing(Workload.class, "batched", "batched gradients");
    }

    /** The measured workloads, run as a program: prints "cleanest &lt;bytes&gt;". */
    static final class Workload {
        public static void main(String[] args) {
            long bytes = args[0].equals("adjoint") ? adjoint() : batched();
            System.out.println("cleanest " + bytes);
        }
    }

    static long adjoint() {
        // n = 7: the state (128 amplitudes) spans several vectors, so every SIMD path runs
        Circuit c = mixed(7);
        Bindings b = randomBindings(c, new Random(3));
        PauliSum o = PauliSum.parse("X0 X1 + Y0 Y1 + Z0 Z1 + 0.5 Z6");
        double[] gt = new double[c.trainableCount()], gx = new double[c.inputCount()];
        try (AdjointEvaluator ev = new AdjointEvaluator(c, VectorKernels.singleThreaded())) {
            return SteadyAllocation.cleanestRound(i -> {
                b.inputs()[0] = 0.001 * i; // new inputs each call, in place
                ev.gradient(b, o, gt, gx);
            });
        }
    }

    static long batched() {
        Circuit c = mixed(5);
        BatchEvaluator be = new BatchEvaluator(c, 16);
        Random r = new Random(4);
        double[] t = new double[c.trainableCount()];
        for (int i = 0; i < t.length; i++) t[i] = 2 * r.nextDouble() - 1;
        be.setTrainablesAll(t);
        for (int m = 0; m < 16; m++) {
            double[] x = be.inputs(m);
            for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
        }
        PauliSum o = PauliSum.parse("X0 X1 + Y0 Y1 + Z0 Z1");
        double[] values = new double[16];
        double[][] dT = new double[16][c.trainableCount()], dX = new double[16][c.inputCount()];
        return SteadyAllocation.cleanestRound(i -> {
            be.inputs(i & 15)[0] = 0.001 * i;
            be.gradients(o, values, dT, dX);
        });
    }
}
