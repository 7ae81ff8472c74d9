package org.qff.simulator.circuit;

import java.util.Arrays;

/**
 * Values for a circuit's trainable parameters and inputs, by slot (the order of
 * {@link Circuit#trainableNames()} and {@link Circuit#inputNames()}). Arrays are used as given (not
 * copied) so a caller can update them in place between evaluations without allocating.
 */
public record Bindings(double[] trainables, double[] inputs) {

    public static final Bindings NONE = new Bindings(new double[0], new double[0]);

    public double trainable(int index) { return trainables[index]; }

    public double input(int index) { return inputs[index]; }

    /** Throws naming the first non-finite value. */
    public void checkFinite(Circuit c) {
        for (int i = 0; i < trainables.length; i++) {
            if (!Double.isFinite(trainables[i])) throw new IllegalArgumentException("parameter " + c.trainableNames().get(i) + " = " + trainables[i] + " is not finite");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!Double.isFinite(inputs[i])) throw new IllegalArgumentException("input " + c.inputNames().get(i) + " = " + inputs[i] + " is not finite");
        }
    }

    @Override
    public String toString() {
        return "Bindings[trainables=" + Arrays.toString(trainables) + ", inputs=" + Arrays.toString(inputs) + "]";
    }
}
