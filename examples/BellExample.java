import java.util.Map;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.exec.Simulator;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;

/** Build a parameterised circuit once, bind it, simulate, and read an expectation value. */
public class BellExample {
    public static void main(String[] args) {
        Circuit c = Circuit.builder(2).ry(0, Expr.trainable("theta")).cx(0, 1).build();
        try (StateVector psi = StateVector.zero(2)) {
            Simulator.create().run(c, c.bind(Map.of("theta", Math.PI / 2), Map.of()), psi);
            System.out.println("<Z0 Z1> = " + Expectation.of(psi, PauliSum.parse("Z0 Z1")));
        }
    }
}
