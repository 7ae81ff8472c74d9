package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitRunner;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.reference.RandomCircuits;

/**
 * Random circuits over every gate kind against the independent dense reference. Tolerance 1e-12:
 * a few dozen gates each contribute rounding of order 1e-16 per amplitude; the reference's
 * matrix exponentials are good to ~1e-15.
 */
class SimulatorTest {
    private static final double TOL = 1e-12;

    static double[] run(Simulator sim, RandomCircuits rc) {
        try (StateVector s = StateVector.zero(rc.circuit.qubits())) {
            s.fromInterleaved(rc.initial);
            sim.compile(rc.circuit).run(rc.bindings, s);
            return s.toInterleaved();
        }
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        assertTrue(worst <= tol, what + ": max amplitude error " + worst + " > " + tol);
    }

    @Test
    void randomCircuitsMatchTheDenseReferenceWithAndWithoutFusion() {
        Random rnd = new Random(20261121);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + trial % 7;
            RandomCircuits rc = RandomCircuits.generate(n, 30, 5, rnd);
            for (int width = 0; width <= 5; width++) {
                for (Simulator base : new Simulator[] {Simulator.reference(), Simulator.create(), Simulator.create().withCacheBlocking(3),
                        Simulator.using(VectorKernels.withThreads(2, 1)).withCacheBlocking(4)}) {
                    Simulator sim = base.withFusion(width);
                    assertClose(rc.expected, run(sim, rc), TOL, sim + " n=" + n + " trial " + trial + " fusion " + width + " " + rc.circuit.gates());
                }
            }
        }
    }

    @Test
    void tenQubitCircuitsMatchTheDenseReference() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 2; trial++) {
            RandomCircuits rc = RandomCircuits.generate(10, 14, 2, rnd);
            assertClose(rc.expected, run(Simulator.create(), rc), TOL, "n=10 unfused");
            assertClose(rc.expected, run(Simulator.create().withFusion(4), rc), TOL, "n=10 fused");
        }
    }

    @Test
    void fusedEqualsUnfusedOnLongRandomCircuits() {
        Random rnd = new Random(99);
        for (int n : new int[] {3, 6, 9}) {
            RandomCircuits rc = RandomCircuits.generate(n, 0, 1, rnd); // only for the start state
            Circuit c = RandomCircuitsNoReference.circuit(n, 300, rnd);
            double[] plain = runFrom(Simulator.create(), c, rc.initial);
            for (int width = 1; width <= 5; width++) {
                assertClose(plain, runFrom(Simulator.create().withFusion(width), c, rc.initial), TOL, "n=" + n + " width " + width);
            }
        }
    }

    static double[] runFrom(Simulator sim, Circuit c, double[] initial) {
        try (StateVector s = StateVector.zero(c.qubits())) {
            s.fromInterleaved(initial);
            sim.compile(c).run(RandomCircuitsNoReference.bindings(c), s);
            return s.toInterleaved();
        }
    }

    @Test
    void theOldRunnerAgreesWithTheSimulator() {
        Random rnd = new Random(5);
        RandomCircuits rc = RandomCircuits.generate(5, 40, 3, rnd);
        try (StateVector s = StateVector.zero(5)) {
            s.fromInterleaved(rc.initial);
            new CircuitRunner(ScalarKernels.INSTANCE).run(rc.circuit, rc.bindings, s);
            assertClose(rc.expected, s.toInterleaved(), TOL, "CircuitRunner");
        }
    }

    @Test
    void cacheBlockedRunsEqualPlainRunsAndBlockTheLowGates() {
        Random rnd = new Random(31);
        for (int n : new int[] {6, 9}) {
            Circuit c = RandomCircuitsNoReference.circuit(n, 200, rnd);
            double[] start = org.qff.simulator.reference.DenseReference.randomState(n, rnd);
            double[] plain = runFrom(Simulator.reference(), c, start);
            for (int block : new int[] {3, 5, n - 1}) {
                for (int width : new int[] {0, 2, 3}) {
                    Simulator sim = Simulator.create().withFusion(width).withCacheBlocking(block);
                    assertClose(plain, runFrom(sim, c, start), TOL, sim + " n=" + n);
                    assertClose(plain, runFrom(Simulator.using(VectorKernels.withThreads(2, 1)).withFusion(width).withCacheBlocking(block), c, start), TOL, "2 threads " + sim);
                }
            }
        }
        // the benchmark's layered circuit (RY on all + CNOT ladder): fused 2-qubit blocks are real
        // RY·CNOT products (the paired kernel, on every target pair, low ones through the real
        // shuffle kernels), cache-blocked in contiguous and strided passes, 1 and 2 threads
        for (int n : new int[] {9, 11}) {
            Circuit c = GateFuserTest.layered(n, 3);
            double[] start = org.qff.simulator.reference.DenseReference.randomState(n, rnd);
            double[] plain = runFrom(Simulator.reference(), c, start);
            for (int block : new int[] {0, 6, 8}) {
                Simulator sim = Simulator.create().withFusion(2).withCacheBlocking(block);
                assertClose(plain, runFrom(sim, c, start), TOL, "layered " + sim + " n=" + n);
                assertClose(plain, runFrom(Simulator.using(VectorKernels.withThreads(2, 1)).withFusion(2).withCacheBlocking(block), c, start), TOL,
                        "layered, 2 threads " + sim + " n=" + n);
            }
        }
        // a layer on 12 qubits with 2^8-amplitude blocks (gates in order, 47 → 4 passes):
        // [RY 0..7] (qubits 0..7), [RY 8..11, CX 0-1..2-3] (0..3 ∪ 8..11), [CX 3-4..6-7] (0..7), [CX 7-8..10-11] (0..2 ∪ 7..11)
        CompiledCircuit layer = Simulator.create().withCacheBlocking(8).compile(GateFuserTest.layered(12, 1));
        assertEquals(VectorKernels.lanes() == 8 ? 4 : layer.operationCount(), layer.operationCount());
    }

    @Test
    void compiledGatesOneByOneEqualTheCompiledCircuit() {
        Random rnd = new Random(23);
        RandomCircuits rc = RandomCircuits.generate(5, 40, 3, rnd);
        try (StateVector s = StateVector.zero(5)) {
            s.fromInterleaved(rc.initial);
            for (var g : rc.circuit.gates()) CompiledGate.of(g).apply(ScalarKernels.INSTANCE, s, rc.bindings);
            assertClose(rc.expected, s.toInterleaved(), TOL, "gate by gate");
        }
    }

    @Test
    void aCircuitFollowedByItsInverseRestoresTheState() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 10; trial++) {
            int n = 2 + trial % 6;
            RandomCircuits rc = RandomCircuits.generate(n, 25, Math.min(n, 4), rnd);
            for (int width : new int[] {0, 3}) {
                Simulator sim = Simulator.create().withFusion(width);
                try (StateVector s = StateVector.zero(n)) {
                    s.fromInterleaved(rc.expected);
                    sim.compile(rc.circuit.inverse()).run(rc.bindings, s);
                    assertClose(rc.initial, s.toInterleaved(), TOL, "inverse n=" + n + " fusion " + width);
                }
            }
        }
    }

    @Test
    void oneCompiledCircuitServesManyParameterSets() {
        Random rnd = new Random(3);
        RandomCircuits first = RandomCircuits.generate(4, 30, 2, rnd);
        CompiledCircuit compiled = Simulator.create().withFusion(3).compile(first.circuit);
        for (int k = 0; k < 5; k++) {
            double[] t = first.bindings.trainables().clone(), x = first.bindings.inputs().clone();
            for (int i = 0; i < t.length; i++) t[i] += rnd.nextGaussian();
            for (int i = 0; i < x.length; i++) x[i] += rnd.nextGaussian();
            Bindings b = new Bindings(t, x);
            try (StateVector fresh = StateVector.zero(4); StateVector reused = StateVector.zero(4)) {
                new CircuitRunner(ScalarKernels.INSTANCE).run(first.circuit, b, fresh);
                compiled.runFromZero(b, reused);
                assertClose(fresh.toInterleaved(), reused.toInterleaved(), TOL, "parameter set " + k);
            }
        }
    }

    @Test
    void normStaysOneOverTenThousandRandomGates() {
        Random rnd = new Random(17);
        Circuit c = RandomCircuitsNoReference.circuit(6, 10_000, rnd);
        try (StateVector s = Simulator.create().withFusion(3).run(c, RandomCircuitsNoReference.bindings(c))) {
            // each gate adds rounding ~1e-16 relative; 10^4 of them stay far below 1e-12
            assertEquals(1.0, s.norm2(), 1e-12);
        }
    }
}
