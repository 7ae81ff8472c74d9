package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;
import org.qff.simulator.SteadyAllocation;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.reference.DenseReference;

/**
 * Runs of ops on strided cache blocks with runs shorter than a page go through gathered blocks
 * (GatheredOps, unless short enough for StridedRuns to keep them in place): each block copied
 * into a contiguous buffer, the ops remapped onto it. Random layered circuits (an RY layer with
 * random, partly parameterised angles, a CNOT ladder, a few random gates per layer) against plain
 * gate-by-gate application on the same vector kernels, at n = 4..16 with cache blocks of 2^3 to
 * 2^10 amplitudes, so that blocks degenerate (a buffer of 8 amplitudes, one vector; splits with a
 * single high qubit) as well as hold many runs. Tolerance 1e-12: gathered ops may run through
 * other kernels than gate by gate (different rounding, ~1e-16 per op and amplitude), over a few
 * hundred ops on unit-norm states.
 */
class GatheredRunsTest {
    private static final double TOL = 1e-12;

    static Circuit layered(int n, int layers, Random rnd) {
        CircuitBuilder b = Circuit.builder(n);
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) {
                if (rnd.nextInt(3) == 0) b.ry(q, Expr.trainable("t" + rnd.nextInt(3)).times(Expr.input("x")).plus(rnd.nextGaussian()));
                else b.ry(q, rnd.nextGaussian() * 2);
            }
            for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
            for (int g = 0; g < 3; g++) {
                int a = rnd.nextInt(n), c = (a + 1 + rnd.nextInt(n - 1)) % n;
                switch (g) {
                    case 0 -> b.rz(a, rnd.nextGaussian());
                    case 1 -> b.heisenberg(a, c, Expr.trainable("t0"));
                    default -> b.h(a).cz(a, c);
                }
            }
        }
        return b.build();
    }

    static Bindings bindings(Circuit c, double seed) {
        double[] t = new double[c.trainableNames().size()], x = new double[c.inputNames().size()];
        for (int i = 0; i < t.length; i++) t[i] = 0.3 + 0.7 * i + seed;
        for (int i = 0; i < x.length; i++) x[i] = 1.1 - 0.4 * i;
        return new Bindings(t, x);
    }

    static double[] run(CompiledCircuit cc, Bindings b, double[] start) {
        try (StateVector s = StateVector.zero(cc.circuit().qubits())) {
            s.fromInterleaved(start);
            cc.run(b, s);
            return s.toInterleaved();
        }
    }

    @Test
    void gatheredRunsEqualGateByGateAtEverySizeAndBlock() {
        Random rnd = new Random(20261201);
        int gathered = 0;
        for (int n = 4; n <= 16; n++) {
            Circuit c = layered(n, 3, rnd);
            Bindings b = bindings(c, rnd.nextDouble());
            double[] start = DenseReference.randomState(n, rnd);
            double[] plain = run(Simulator.create().withCacheBlocking(0).compile(c), b, start);
            for (int block : new int[] {3, 4, 5, 6, 8, 10}) {
                if (block >= n) continue;
                for (int width : new int[] {0, 2, 3}) {
                    CompiledCircuit one = Simulator.create().withFusion(width).withCacheBlocking(block).compile(c);
                    CompiledCircuit two = Simulator.using(VectorKernels.withThreads(2, 1)).withFusion(width).withCacheBlocking(block).compile(c);
                    gathered += one.gatheredRunCount();
                    double[] a = run(one, b, start);
                    String what = "n=" + n + " block 2^" + block + " fusion " + width;
                    double worst = 0;
                    for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - plain[i]));
                    assertTrue(worst <= TOL, what + ": max amplitude error " + worst);
                    assertArrayEquals(a, run(two, b, start), what + ": 1 and 2 threads differ");
                }
            }
        }
        assertTrue(gathered > 50, "only " + gathered + " gathered runs compiled: the test does not exercise them");
    }

    @Test
    void gatheredRunsAllocateNothingPerRun() throws Exception {
        assertTrue(gatheredCircuit().gatheredRunCount() > 0, "no gathered run in " + gatheredCircuit());
        SteadyAllocation.assertAllocatesNothing(Workload.class, "gathered", "runs");
    }

    private static CompiledCircuit gatheredCircuit() {
        return Simulator.create().withFusion(2).withCacheBlocking(6).compile(layered(12, 2, new Random(8)));
    }

    /** The measured workload, run as a program in a fresh JVM (SteadyAllocation): prints "cleanest &lt;bytes&gt;". */
    static final class Workload {
        public static void main(String[] args) {
            CompiledCircuit cc = gatheredCircuit();
            Bindings b = bindings(cc.circuit(), 0.2);
            try (StateVector s = StateVector.zero(12)) {
                System.out.println("cleanest " + SteadyAllocation.cleanestCircuitRound(cc, b, s));
            }
        }
    }

    /**
     * Applies {@code op} (made from circuit c's gates) to random states under two random bindings and
     * checks it against the scalar reference running c gate by gate, to {@code tol}.
     */
    static void assertOpMatchesReference(Op op, Circuit c, Random rnd, double tol) {
        CompiledCircuit reference = Simulator.reference().compile(c);
        for (int round = 0; round < 2; round++) {
            Bindings b = bindings(c, rnd.nextGaussian());
            double[] start = DenseReference.randomState(c.qubits(), rnd);
            double[] expected = run(reference, b, start);
            try (StateVector s = StateVector.zero(c.qubits())) {
                s.fromInterleaved(start);
                op.apply(org.qff.simulator.kernel.VectorKernels.singleThreaded(), s, b);
                double[] got = s.toInterleaved();
                double worst = 0;
                for (int i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
                org.junit.jupiter.api.Assertions.assertTrue(worst <= tol, c.gates() + " round " + round + ": max error " + worst);
            }
        }
    }
}
