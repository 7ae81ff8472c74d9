package org.qff.simulator.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable circuit: a qubit count, a gate sequence, and the named trainable parameters and
 * inputs its gate arguments mention (slots in order of first appearance). Built with
 * {@link #builder(int)}; evaluated with {@link Bindings}.
 */
public final class Circuit {
    private final int qubits;
    private final List<Gate> gates;
    private final List<String> trainableNames;
    private final List<String> inputNames;

    Circuit(int qubits, List<Gate> rawGates) {
        this(qubits, rawGates, List.of(), List.of());
    }

    /** With slots pre-assigned to the given names (in order) before any others: keeps an inverse's bindings compatible. */
    private Circuit(int qubits, List<Gate> rawGates, List<String> trainableOrder, List<String> inputOrder) {
        if (qubits < 1 || qubits > org.qff.simulator.StateVector.MAX_QUBITS) {
            throw new IllegalArgumentException("qubit count " + qubits + " is outside 1.." + org.qff.simulator.StateVector.MAX_QUBITS);
        }
        Map<String, Integer> train = new LinkedHashMap<>();
        Map<String, Integer> in = new LinkedHashMap<>();
        for (String name : trainableOrder) train.put(name, train.size());
        for (String name : inputOrder) in.put(name, in.size());
        for (Gate g : rawGates) {
            if (g.maxQubit() >= qubits) {
                throw new IllegalArgumentException("gate " + g + " uses qubit " + g.maxQubit() + " but the circuit has " + qubits + " qubits (0.." + (qubits - 1) + ")");
            }
            for (Expr a : g.args()) {
                a.forEachSymbol(s -> {
                    Map<String, Integer> m = s.kind() == Expr.Symbol.Kind.TRAINABLE ? train : in;
                    Map<String, Integer> other = s.kind() == Expr.Symbol.Kind.TRAINABLE ? in : train;
                    if (other.containsKey(s.name())) throw new IllegalArgumentException("\"" + s.name() + "\" is used both as a trainable parameter and as an input");
                    m.putIfAbsent(s.name(), m.size());
                });
            }
        }
        List<Gate> resolved = new ArrayList<>(rawGates.size());
        for (Gate g : rawGates) {
            Expr[] args = g.args().clone();
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].resolve(s -> new Expr.Symbol(s.name(), s.kind(),
                        (s.kind() == Expr.Symbol.Kind.TRAINABLE ? train : in).get(s.name())));
            }
            resolved.add(new Gate(g.kind(), g.qubits(), args, g.matrix()));
        }
        this.qubits = qubits;
        this.gates = Collections.unmodifiableList(resolved);
        this.trainableNames = List.copyOf(train.keySet());
        this.inputNames = List.copyOf(in.keySet());
    }

    public static CircuitBuilder builder(int qubits) {
        return new CircuitBuilder(qubits);
    }

    public int qubits() { return qubits; }

    public List<Gate> gates() { return gates; }

    public List<String> trainableNames() { return trainableNames; }

    public List<String> inputNames() { return inputNames; }

    public int trainableCount() { return trainableNames.size(); }

    public int inputCount() { return inputNames.size(); }

    /** Bindings from name → value maps; throws naming an unbound or unknown parameter. */
    public Bindings bind(Map<String, Double> trainables, Map<String, Double> inputs) {
        double[] t = new double[trainableNames.size()];
        double[] x = new double[inputNames.size()];
        for (int i = 0; i < t.length; i++) {
            Double v = trainables.get(trainableNames.get(i));
            if (v == null) throw new IllegalArgumentException("unbound parameter \"" + trainableNames.get(i) + "\"");
            t[i] = v;
        }
        for (int i = 0; i < x.length; i++) {
            Double v = inputs.get(inputNames.get(i));
            if (v == null) throw new IllegalArgumentException("unbound input \"" + inputNames.get(i) + "\"");
            x[i] = v;
        }
        for (String k : trainables.keySet()) if (!trainableNames.contains(k)) throw new IllegalArgumentException("the circuit has no trainable parameter \"" + k + "\"");
        for (String k : inputs.keySet()) if (!inputNames.contains(k)) throw new IllegalArgumentException("the circuit has no input \"" + k + "\"");
        Bindings b = new Bindings(t, x);
        b.checkFinite(this);
        return b;
    }

    /** Checks that bindings have the right number of values and are finite. */
    public void check(Bindings b) {
        if (b.trainables().length != trainableNames.size()) {
            throw new IllegalArgumentException("circuit has " + trainableNames.size() + " trainable parameters " + trainableNames + ", bindings give " + b.trainables().length);
        }
        if (b.inputs().length != inputNames.size()) {
            throw new IllegalArgumentException("circuit has " + inputNames.size() + " inputs " + inputNames + ", bindings give " + b.inputs().length);
        }
        b.checkFinite(this);
    }

    /**
     * The inverse circuit U†: gates reversed, each replaced by its inverse. It has the same
     * parameters in the same slots, so the same {@link Bindings} serve both.
     */
    public Circuit inverse() {
        List<Gate> inv = new ArrayList<>(gates.size());
        for (int i = gates.size() - 1; i >= 0; i--) inv.add(GateInverses.of(gates.get(i)));
        return new Circuit(qubits, inv, trainableNames, inputNames);
    }

    /** Number of gates. */
    public int size() { return gates.size(); }

    @Override
    public String toString() {
        return "Circuit[" + qubits + " qubits, " + gates.size() + " gates, " + trainableNames.size() + " trainables, " + inputNames.size() + " inputs]";
    }
}
