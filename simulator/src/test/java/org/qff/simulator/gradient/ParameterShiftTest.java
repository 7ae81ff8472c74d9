package org.qff.simulator.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.observable.PauliSum;

class ParameterShiftTest {

    /** Parameter shift = adjoint = central finite difference, 1e-9 absolute (see AdjointEvaluatorTest for the FD budget). */
    @Test
    void parameterShiftMatchesAdjointAndFiniteDifferencesForEveryKind() {
        Random r = new Random(21);
        for (GateKind kind : RandomCircuits.PARAMETERISED) {
            Circuit c = RandomCircuits.withKind(kind, 3, 4, r);
            PauliSum o = RandomCircuits.observable(3);
            Bindings b = RandomCircuits.randomBindings(c, r);
            try (ParameterShift ps = new ParameterShift(c, StrictKernels.INSTANCE); AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
                double[] pt = new double[c.trainableCount()], px = new double[c.inputCount()];
                double[] at = new double[c.trainableCount()], ax = new double[c.inputCount()];
                double v = ps.gradient(b, o, pt, px);
                assertEquals(ev.gradient(b, o, at, ax), v, 1e-13);
                for (int i = 0; i < pt.length; i++) {
                    assertEquals(at[i], pt[i], 1e-9, kind + " PS vs adjoint ∂/∂" + c.trainableNames().get(i));
                    assertEquals(AdjointEvaluatorTest.centralDifference(c, b, o, 0, i), pt[i], 1e-9, kind + " PS vs FD");
                }
                for (int i = 0; i < px.length; i++) {
                    assertEquals(ax[i], px[i], 1e-9, kind + " PS vs adjoint ∂/∂" + c.inputNames().get(i));
                    assertEquals(AdjointEvaluatorTest.centralDifference(c, b, o, 1, i), px[i], 1e-9, kind + " PS vs FD");
                }
            }
        }
    }

    /** The Heisenberg rule alone: f(J) = ⟨O⟩ after one exchange gate, f' = 2[f(J+π/8) − f(J−π/8)]. */
    @Test
    void heisenbergRuleUsesGapFour() {
        Circuit c = Circuit.builder(2).ry(0, 0.4).rx(1, -1.1).heisenberg(0, 1, Expr.trainable("J")).build();
        PauliSum o = PauliSum.parse("Z0 + 0.5*X1 Y0");
        try (ParameterShift ps = new ParameterShift(c)) {
            Bindings b = new Bindings(new double[] {0.37}, new double[0]);
            double[] g = new double[1];
            ps.gradient(b, o, g, null);
            assertEquals(2, ps.lastEvaluations(), "one gap: two evaluations");
            assertEquals(AdjointEvaluatorTest.centralDifference(c, b, o, 0, 0), g[0], 1e-9);
            assertEquals(ShiftRule.HEISENBERG, ShiftRule.of(GateKind.HEISENBERG));
            assertEquals(Math.PI / 8, ShiftRule.HEISENBERG.shifts()[0], 0);
        }
    }

    @Test
    void badInputIsRejectedByName() {
        Circuit c = Circuit.builder(2).ry(0, Expr.trainable("theta")).cx(0, 1).build();
        try (ParameterShift ps = new ParameterShift(c)) {
            Bindings b = new Bindings(new double[] {0.1}, new double[0]);
            var e1 = assertThrows(IllegalArgumentException.class, () -> ps.derivative(b, PauliSum.parse("Z0"), "nope"));
            assertTrue(e1.getMessage().contains("\"nope\""));
            var e2 = assertThrows(IllegalArgumentException.class, () -> ps.gradient(b, PauliSum.parse("Z5"), null, null));
            assertTrue(e2.getMessage().contains("qubit 5"));
        }
        var e3 = assertThrows(UnsupportedOperationException.class, () -> ShiftRule.of(GateKind.SWAP));
        assertTrue(e3.getMessage().contains("SWAP"));
    }
}
