package org.qff.qnn.model.circuit;

import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.gradient.AdjointEvaluator;
import org.qff.simulator.gradient.ParameterShift;
import org.qff.simulator.observable.PauliSum;

/**
 * A {@link CircuitEvaluator} on the general simulator: the circuit translated by
 * {@link QnnCircuit#toCircuit()} (singlets prepared with gates) and differentiated by
 * {@link AdjointEvaluator} / {@link ParameterShift}. Slower than {@link SmallCircuitEngine} for
 * these tiny circuits, but an independent implementation: the tests check one against the other,
 * and it accepts any gate the simulator knows, should a researcher extend the circuit that way.
 * One per thread; {@link #close()} frees its states.
 */
public final class SimulatorEvaluator implements CircuitEvaluator, AutoCloseable {
    private final int paramCount;
    private final PauliSum observable;
    private final AdjointEvaluator adjoint;
    private final ParameterShift shift;
    private final AdjointEvaluator.SecondOrder second;
    /** slot[k] = input slot of parameter k, or −1 if no gate reads it. */
    private final int[] slot;
    private final double[] inputs, tangent, gradInputs;
    private final Bindings bindings;

    public SimulatorEvaluator(QnnCircuit qc) {
        Circuit c = qc.toCircuit();
        paramCount = qc.paramCount();
        observable = qc.observable();
        adjoint = new AdjointEvaluator(c);
        shift = new ParameterShift(c);
        second = adjoint.newSecondOrder();
        slot = new int[paramCount];
        java.util.Arrays.fill(slot, -1);
        for (int s = 0; s < c.inputCount(); s++) slot[Integer.parseInt(c.inputNames().get(s).substring(1))] = s;
        inputs = new double[c.inputCount()];
        tangent = new double[c.inputCount()];
        gradInputs = new double[c.inputCount()];
        bindings = new Bindings(new double[0], inputs);
    }

    @Override public int paramCount() { return paramCount; }

    private void load(double[] p, double[] into) {
        for (int k = 0; k < paramCount; k++) if (slot[k] >= 0) into[slot[k]] = p[k];
    }

    private void unload(double[] from, double[] out) {
        for (int k = 0; k < paramCount; k++) out[k] = slot[k] >= 0 ? from[slot[k]] : 0;
    }

    @Override
    public double value(double[] p) {
        load(p, inputs);
        return adjoint.value(bindings, observable);
    }

    @Override
    public double gradient(double[] p, double[] grad) {
        load(p, inputs);
        double v = adjoint.gradient(bindings, observable, null, gradInputs);
        unload(gradInputs, grad);
        return v;
    }

    @Override
    public double hessianVector(double[] p, double[] t, double[] grad, double[] hT) {
        load(p, inputs);
        load(t, tangent);
        adjoint.secondOrder(bindings, observable, null, tangent, second);
        unload(second.gradInputs, grad);
        unload(second.hvpInputs, hT);
        return second.value;
    }

    @Override
    public double parameterShiftGradient(double[] p, double[] grad) {
        load(p, inputs);
        double v = shift.gradient(bindings, observable, null, gradInputs);
        unload(gradInputs, grad);
        return v;
    }

    @Override
    public void close() {
        adjoint.close();
        shift.close();
    }
}
