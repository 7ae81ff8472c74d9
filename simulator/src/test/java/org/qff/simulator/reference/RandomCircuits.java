package org.qff.simulator.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;

/**
 * Random circuits over every gate kind, random distinct qubits (controls included), arguments
 * that are constants or expressions over trainables and inputs, together with the reference
 * operator computed independently from the values the test chose.
 */
public final class RandomCircuits {
    public final Circuit circuit;
    public final Bindings bindings;
    /** The initial state the reference evolved (interleaved), and the reference final state. */
    public final double[] initial, expected;

    private RandomCircuits(Circuit circuit, Bindings bindings, double[] initial, double[] expected) {
        this.circuit = circuit;
        this.bindings = bindings;
        this.initial = initial;
        this.expected = expected;
    }

    /** @param maxUnitary widest UNITARY gate to draw (the reference cost grows as 4^width · 4^n) */
    public static RandomCircuits generate(int n, int gates, int maxUnitary, Random rnd) {
        double[] trainables = {0.3 + rnd.nextDouble(), -1.1 + rnd.nextDouble(), 2 * rnd.nextDouble()};
        double[] inputs = {rnd.nextGaussian(), rnd.nextGaussian()};
        String[] tn = {"w0", "w1", "w2"}, in = {"x0", "x1"};
        CircuitBuilder b = Circuit.builder(n);
        double[] initial = DenseReference.randomState(n, rnd);
        double[] psi = initial;
        List<GateKind> kinds = new ArrayList<>();
        for (GateKind k : GateKind.values()) if (k.qubits() <= n) kinds.add(k);
        for (int g = 0; g < gates; g++) {
            GateKind kind = kinds.get(rnd.nextInt(kinds.size()));
            int width = kind == GateKind.UNITARY ? 1 + rnd.nextInt(Math.min(maxUnitary, n)) : kind.qubits();
            int[] qubits = distinctQubits(n, width, rnd);
            CMat local;
            if (kind == GateKind.UNITARY) {
                local = DenseReference.randomUnitary(1 << width, rnd);
                b.unitary(DenseReference.interleaved(local), qubits);
            } else {
                Expr[] args = new Expr[kind.args()];
                double[] values = new double[kind.args()];
                for (int a = 0; a < args.length; a++) {
                    int t = rnd.nextInt(3), x = rnd.nextInt(2);
                    double c = rnd.nextGaussian() * 2, d = rnd.nextGaussian();
                    switch (rnd.nextInt(5)) {
                        case 0 -> { args[a] = Expr.constant(c); values[a] = c; }
                        case 1 -> { args[a] = Expr.trainable(tn[t]); values[a] = trainables[t]; }
                        case 2 -> { args[a] = Expr.trainable(tn[t]).times(c).plus(d); values[a] = c * trainables[t] + d; }
                        case 3 -> { args[a] = Expr.trainable(tn[t]).times(Expr.input(in[x])); values[a] = trainables[t] * inputs[x]; }
                        default -> { args[a] = Expr.input(in[x]).plus(Expr.trainable(tn[t])); values[a] = inputs[x] + trainables[t]; }
                    }
                }
                b.gate(kind, qubits, args);
                local = DenseReference.local(kind, values);
            }
            psi = DenseReference.embed(local, qubits, n).apply(psi);
        }
        Circuit c = b.build();
        // bind by name: the circuit numbers its parameters in order of first use
        java.util.Map<String, Double> t = new java.util.HashMap<>(), x = new java.util.HashMap<>();
        for (String name : c.trainableNames()) t.put(name, trainables[java.util.Arrays.asList(tn).indexOf(name)]);
        for (String name : c.inputNames()) x.put(name, inputs[java.util.Arrays.asList(in).indexOf(name)]);
        return new RandomCircuits(c, c.bind(t, x), initial, psi);
    }

    public static int[] distinctQubits(int n, int width, Random rnd) {
        List<Integer> all = new ArrayList<>();
        for (int q = 0; q < n; q++) all.add(q);
        java.util.Collections.shuffle(all, rnd);
        int[] q = new int[width];
        for (int i = 0; i < width; i++) q[i] = all.get(i);
        return q;
    }
}
