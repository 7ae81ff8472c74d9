package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.circuit.GateMatrices;

/** Bad input fails with a message that names the offending value. */
class BadInputTest {

    static void fails(String mustMention, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(mustMention), "message \"" + ex.getMessage() + "\" does not mention " + mustMention);
    }

    @Test
    void qubitOutOfRangeOrRepeated() {
        fails("uses qubit 3", () -> Circuit.builder(3).h(3));
        fails("-1", () -> Circuit.builder(3).h(-1));
        fails("qubit 1 is repeated", () -> Circuit.builder(3).cx(1, 1));
        fails("qubit 2 is repeated", () -> Circuit.builder(3).ccx(2, 0, 2));
        fails("40", () -> Circuit.builder(40));
        fails("31", () -> StateVector.zero(31));
    }

    @Test
    void nonUnitaryMatrices() {
        double[] almost = GateMatrices.of(GateKind.H);
        almost[0] += 1e-9; // 1e-9 > 1e-10 tolerance
        fails("not unitary", () -> Circuit.builder(1).unitary(almost, 0));
        fails("needs 32 doubles", () -> Circuit.builder(2).unitary(GateMatrices.of(GateKind.H), 0, 1));
        double[] nan = GateMatrices.of(GateKind.X);
        nan[3] = Double.NaN;
        fails("NaN", () -> Circuit.builder(1).unitary(nan, 0));
        double[] tiny = GateMatrices.of(GateKind.H);
        tiny[0] += 1e-12; // within tolerance: accepted
        Circuit.builder(1).unitary(tiny, 0).build();
    }

    @Test
    void nonFiniteAngles() {
        fails("NaN", () -> Circuit.builder(1).rx(0, Double.NaN));
        fails("Infinity", () -> Circuit.builder(1).ry(0, Double.POSITIVE_INFINITY));
        Circuit c = Circuit.builder(2).ry(0, Expr.trainable("a")).rz(1, Expr.trainable("a").times(Expr.input("x"))).build();
        try (StateVector s = StateVector.zero(2)) {
            CompiledCircuit run = Simulator.create().compile(c);
            fails("a = NaN", () -> run.run(new Bindings(new double[] {Double.NaN}, new double[] {1}), s));
            fails("x = Infinity", () -> run.run(new Bindings(new double[] {1}, new double[] {Double.POSITIVE_INFINITY}), s));
            // finite values whose product overflows: the gate and its argument are named
            fails("(a)*(x) evaluates to Infinity", () -> run.run(new Bindings(new double[] {1e300}, new double[] {1e300}), s));
        }
    }

    @Test
    void unboundOrMisboundParameters() {
        Circuit c = Circuit.builder(2).ry(0, Expr.trainable("alpha")).rz(1, Expr.input("x")).build();
        fails("unbound parameter \"alpha\"", () -> c.bind(Map.of(), Map.of("x", 1.0)));
        fails("unbound input \"x\"", () -> c.bind(Map.of("alpha", 1.0), Map.of()));
        fails("no trainable parameter \"beta\"", () -> c.bind(Map.of("alpha", 1.0, "beta", 2.0), Map.of("x", 1.0)));
        try (StateVector s = StateVector.zero(2); StateVector wrong = StateVector.zero(3)) {
            fails("bindings give 0", () -> Simulator.create().run(c, Bindings.NONE, s));
            fails("state has 3", () -> Simulator.create().run(c, c.bind(Map.of("alpha", 1.0), Map.of("x", 1.0)), wrong));
        }
    }
}
