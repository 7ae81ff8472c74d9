package org.qff.simulator.exec;

import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Runs circuits on state vectors through a {@link GateKernels} implementation, optionally fusing
 * runs of gates into dense blocks of at most {@link #fusionWidth()} qubits. Immutable and
 * thread-safe; the {@link CompiledCircuit}s it makes are not.
 *
 * <pre>{@code
 * Simulator sim = Simulator.create().withFusion(2);
 * CompiledCircuit run = sim.compile(circuit);       // once
 * run.runFromZero(bindings, state);                 // per parameter set, allocation-free
 * }</pre>
 */
public final class Simulator {
    private final GateKernels kernels;
    private final int fusionWidth;

    private Simulator(GateKernels kernels, int fusionWidth) {
        if (kernels == null) throw new IllegalArgumentException("kernels must not be null");
        if (fusionWidth < 0 || fusionWidth > 5) throw new IllegalArgumentException("fusion width " + fusionWidth + " is outside 0..5 (0 = no fusion)");
        this.kernels = kernels;
        this.fusionWidth = fusionWidth;
    }

    /** A simulator on the single-threaded Vector API kernels, without fusion. */
    public static Simulator create() {
        return new Simulator(VectorKernels.singleThreaded(), 0);
    }

    /** A simulator on the plain scalar reference kernels (slow; for cross-checks). */
    public static Simulator reference() {
        return new Simulator(ScalarKernels.INSTANCE, 0);
    }

    /** A simulator on the given kernels, without fusion. */
    public static Simulator using(GateKernels kernels) {
        return new Simulator(kernels, 0);
    }

    /** The same simulator fusing into blocks of at most {@code maxQubits} (1..5); 0 turns fusion off. */
    public Simulator withFusion(int maxQubits) {
        return new Simulator(kernels, maxQubits);
    }

    public GateKernels kernels() { return kernels; }

    /** Widest fused block, or 0 when fusion is off. */
    public int fusionWidth() { return fusionWidth; }

    public CompiledCircuit compile(Circuit circuit) {
        return new CompiledCircuit(circuit, kernels, fusionWidth);
    }

    /** Applies the circuit to the state in place (compiles on each call: use {@link #compile} in loops). */
    public void run(Circuit circuit, Bindings bindings, StateVector state) {
        compile(circuit).run(bindings, state);
    }

    /** A new state: the circuit applied to |0…0⟩. The caller closes it. */
    public StateVector run(Circuit circuit, Bindings bindings) {
        CompiledCircuit compiled = compile(circuit);
        circuit.check(bindings);
        StateVector s = StateVector.zero(circuit.qubits());
        try {
            compiled.run(bindings, s);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "Simulator[" + kernels.getClass().getSimpleName() + ", fusion " + (fusionWidth == 0 ? "off" : "≤" + fusionWidth + " qubits") + "]";
    }
}
