package org.qff.simulator.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.exec.CompiledCircuit;
import org.qff.simulator.exec.Simulator;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;
import org.qff.simulator.result.Counts;
import org.qff.simulator.result.MeasurementSampler;
import org.qff.simulator.result.Probabilities;

/** The Java snippet of docs/simulator.md, kept compiling and running. */
class DocSnippetTest {
    @Test
    void theDocumentedSnippetRuns() {
        Expr theta = Expr.trainable("theta"), x = Expr.input("x");
        Circuit circuit = Circuit.builder(3)
                .h(0)
                .ry(1, theta.times(x))
                .cx(0, 1)
                .heisenberg(1, 2, theta.times(0.5).plus(0.1))
                .build();

        Simulator sim = Simulator.create().withFusion(2);
        CompiledCircuit compiled = sim.compile(circuit);
        Bindings b = circuit.bind(Map.of("theta", 0.4), Map.of("x", 1.5));

        try (StateVector state = StateVector.zero(3)) {
            compiled.runFromZero(b, state);
            double e = Expectation.of(state, PauliSum.parse("Z0 Z1 + 0.5 X1 X2"));
            double p5 = Probabilities.of(state, 5);
            Counts counts = MeasurementSampler.sample(state, 1000, 42L);
            assertEquals(1000, counts.byIndex().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(1.0, state.norm2(), 1e-14);
            assertEquals(true, Double.isFinite(e) && p5 >= 0);
            b.trainables()[0] = 0.5;
            compiled.runFromZero(b, state);
            assertEquals(1.0, state.norm2(), 1e-14);
        }
    }
}
