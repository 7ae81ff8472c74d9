package org.qff.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitRunner;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;

class CircuitSmokeTest {
    @Test
    void circuitFollowedByItsInverseIsIdentity() {
        Circuit c = Circuit.builder(3).h(0).ry(1, Expr.trainable("a")).cx(0, 2).heisenberg(1, 2, Expr.input("j").times(2))
                .su2(0, 0.3, -0.2, 0.9).u3(2, 0.1, 0.2, 0.3).u2(1, 0.4, 0.5).sx(0).cswap(0, 1, 2).build();
        Bindings b = c.bind(Map.of("a", 0.7), Map.of("j", 0.4));
        Circuit round = Circuit.builder(3).append(c).append(c.inverse()).build();
        try (StateVector s = StateVector.zero(3)) {
            new CircuitRunner(ScalarKernels.INSTANCE).run(round, round.bind(Map.of("a", 0.7), Map.of("j", 0.4)), s);
            assertEquals(1.0, s.re(0), 1e-14);
            assertEquals(0.0, s.im(0), 1e-14);
        }
        try (StateVector s = StateVector.zero(3)) {
            new CircuitRunner(ScalarKernels.INSTANCE).run(c, b, s);
            assertEquals(1.0, s.norm2(), 1e-14);
        }
    }

    @Test
    void heisenbergKeepsTheSingletAndPhasesIt() {
        // singlet (|01⟩ − |10⟩)/√2 is the −3 eigenvector of XX+YY+ZZ: exp(−iJ·(−3)) = e^{3iJ}
        double j = 0.37;
        Circuit c = Circuit.builder(2).heisenberg(0, 1, j).build();
        try (StateVector s = StateVector.zero(2)) {
            double r = Math.sqrt(0.5);
            s.set(0, 0, 0);
            s.set(1, r, 0);
            s.set(2, -r, 0);
            new CircuitRunner(ScalarKernels.INSTANCE).run(c, Bindings.NONE, s);
            assertEquals(r * Math.cos(3 * j), s.re(1), 1e-15);
            assertEquals(r * Math.sin(3 * j), s.im(1), 1e-15);
            assertEquals(-3.0, Expectation.of(s, PauliSum.parse("X0 X1 + Y0 Y1 + Z0 Z1")), 1e-14);
        }
    }
}
