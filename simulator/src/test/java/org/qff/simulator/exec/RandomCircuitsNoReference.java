package org.qff.simulator.exec;

import java.util.Map;
import java.util.Random;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.reference.DenseReference;
import org.qff.simulator.reference.RandomCircuits;

/** Long random circuits (no reference operator) for fused-vs-unfused and norm checks. */
final class RandomCircuitsNoReference {
    private RandomCircuitsNoReference() {}

    static Circuit circuit(int n, int gates, Random rnd) {
        CircuitBuilder b = Circuit.builder(n);
        GateKind[] kinds = GateKind.values();
        for (int g = 0; g < gates; g++) {
            GateKind kind = kinds[rnd.nextInt(kinds.length)];
            if (kind.qubits() > n) continue;
            if (kind == GateKind.UNITARY) {
                int w = 1 + rnd.nextInt(Math.min(3, n));
                b.unitary(DenseReference.interleaved(DenseReference.randomUnitary(1 << w, rnd)), RandomCircuits.distinctQubits(n, w, rnd));
                continue;
            }
            Expr[] args = new Expr[kind.args()];
            for (int a = 0; a < args.length; a++) {
                args[a] = rnd.nextBoolean() ? Expr.constant(rnd.nextGaussian()) : Expr.trainable("p" + rnd.nextInt(4)).times(Expr.input("x")).plus(0.1);
            }
            b.gate(kind, RandomCircuits.distinctQubits(n, kind.qubits(), rnd), args);
        }
        return b.build();
    }

    static Bindings bindings(Circuit c) {
        Map<String, Double> t = new java.util.HashMap<>();
        for (String name : c.trainableNames()) t.put(name, 0.37 * (1 + name.hashCode() % 5));
        return c.bind(t, c.inputNames().isEmpty() ? Map.of() : Map.of("x", 1.3));
    }
}
