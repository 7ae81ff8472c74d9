package org.qff.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;

class ScalarKernelsTest {
    private static final GateKernels K = ScalarKernels.INSTANCE;
    private static final double R = Math.sqrt(0.5);

    @Test
    void bellStateHasPerfectZZAndXXCorrelationAndYYAnticorrelation() {
        try (StateVector s = StateVector.zero(2)) {
            K.dense1(s, 0, new double[] {R, 0, R, 0, R, 0, -R, 0}); // H on qubit 0
            K.controlledX(s, new int[] {0}, 1);
            assertEquals(R, s.re(0), 1e-15);
            assertEquals(R, s.re(3), 1e-15);
            assertEquals(1.0, Expectation.of(s, PauliSum.parse("Z0 Z1")), 1e-15);
            assertEquals(1.0, Expectation.of(s, PauliSum.parse("X0 X1")), 1e-15);
            assertEquals(-1.0, Expectation.of(s, PauliSum.parse("Y0*Y1")), 1e-15);
            assertEquals(0.0, Expectation.of(s, PauliSum.parse("Z0")), 1e-15);
            assertEquals(2.5, Expectation.of(s, PauliSum.parse("0.5 + 2 Z0 Z1")), 1e-15);
        }
    }

    @Test
    void ryRotatesZIntoX() {
        try (StateVector s = StateVector.zero(3)) {
            double theta = 0.7;
            K.ry(s, 2, theta);
            assertEquals(Math.cos(theta), Expectation.of(s, PauliSum.parse("Z2")), 1e-15);
            assertEquals(Math.sin(theta), Expectation.of(s, PauliSum.parse("X2")), 1e-15);
            assertEquals(1.0, s.norm2(), 1e-15);
        }
    }
}
