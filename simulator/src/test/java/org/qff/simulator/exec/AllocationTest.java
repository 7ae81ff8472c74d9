package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;

/**
 * Steady-state runs of a compiled circuit allocate nothing in the circuit layer. Kernels are
 * replaced by no-ops so only this layer's allocations are counted (the kernels have their own
 * benchmarks with -prof gc).
 */
class AllocationTest {

    static final class NoKernels implements GateKernels {
        public void dense1(StateVector s, int target, double[] u) {}
        public void ry(StateVector s, int target, double theta) {}
        public void diagonal1(StateVector s, int target, double a, double b, double c, double d) {}
        public void diagonal(StateVector s, int[] qubits, double[] diag) {}
        public void controlledX(StateVector s, int[] controls, int target) {}
        public void swap(StateVector s, int a, int b) {}
        public void controlled1(StateVector s, int[] controls, int target, double[] u) {}
        public void dense2(StateVector s, int q0, int q1, double[] u) {}
        public void denseK(StateVector s, int[] qubits, double[] u) {}
        public void scale(StateVector s, double factor) {}
    }

    static long allocatedBytes() {
        return org.qff.simulator.SteadyAllocation.allocatedBytes();
    }

    @Test
    void repeatedRunsOfACompiledCircuitDoNotAllocate() {
        Expr a = Expr.trainable("a"), x = Expr.input("x");
        Circuit c = Circuit.builder(4).h(0).ry(1, a).rz(2, a.times(x)).cx(0, 1).crx(1, 2, a.plus(0.3)).heisenberg(2, 3, x)
                .su2(0, a, x, Expr.constant(0.2)).cswap(0, 1, 2).rzz(0, 3, a).u3(3, a, x, a).swap(0, 3).ccx(0, 1, 2).build();
        Bindings b = new Bindings(new double[] {0.4}, new double[] {1.2});
        try (StateVector s = StateVector.zero(4)) {
            for (int width : new int[] {0, 2, 3}) {
                CompiledCircuit compiled = Simulator.using(new NoKernels()).withFusion(width).compile(c);
                for (int i = 0; i < 20_000; i++) compiled.run(b, s);
                long before = allocatedBytes();
                for (int i = 0; i < 20_000; i++) {
                    b.trainables()[0] = 0.001 * i; // new parameters each run, in place
                    compiled.run(b, s);
                }
                long bytes = allocatedBytes() - before;
                // any per-run allocation would be ≥ 16 bytes × 20 000 runs; allow a little JVM noise
                assertTrue(bytes < 20_000, "fusion " + width + ": " + bytes + " bytes allocated in 20 000 runs");
            }
        }
    }

    @Test
    void compiledGatesDoNotAllocate() {
        Expr a = Expr.trainable("a");
        Circuit c = Circuit.builder(3).ry(0, a).crz(0, 1, a.times(2)).heisenberg(1, 2, a).u3(2, a, a, a).cz(0, 2).cswap(0, 1, 2).build();
        CompiledGate[] gates = c.gates().stream().map(CompiledGate::of).toArray(CompiledGate[]::new);
        Bindings b = new Bindings(new double[] {0.4}, new double[0]);
        NoKernels k = new NoKernels();
        try (StateVector s = StateVector.zero(3)) {
            for (int i = 0; i < 20_000; i++) for (CompiledGate g : gates) g.apply(k, s, b);
            long before = allocatedBytes();
            for (int i = 0; i < 20_000; i++) for (CompiledGate g : gates) g.apply(k, s, b);
            long bytes = allocatedBytes() - before;
            assertTrue(bytes < 20_000, bytes + " bytes allocated in 120 000 gate applications");
        }
    }

    @Test
    void expectationReadsTheStateWithoutCopyingIt() {
        try (StateVector s = StateVector.zero(14)) { // 256 KiB of amplitudes
            PauliSum o = PauliSum.parse("Z0 Z1 + 0.5 X3 Y7 - Y13");
            for (int i = 0; i < 5; i++) Expectation.of(s, o);
            long before = allocatedBytes();
            Expectation.of(s, o);
            long bytes = allocatedBytes() - before;
            assertTrue(bytes < 4096, bytes + " bytes allocated for one expectation of a 256 KiB state");
        }
    }
}
