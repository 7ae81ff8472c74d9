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
    /** 2^16 amplitudes = 1 MiB per cache block: fits the L2 of current server cores. */
    public static final int DEFAULT_BLOCK_QUBITS = 16;

    private final GateKernels kernels;
    private final int fusionWidth;
    private final int blockQubits;

    private Simulator(GateKernels kernels, int fusionWidth, int blockQubits) {
        if (kernels == null) throw new IllegalArgumentException("kernels must not be null");
        if (fusionWidth < 0 || fusionWidth > 5) throw new IllegalArgumentException("fusion width " + fusionWidth + " is outside 0..5 (0 = no fusion)");
        if (blockQubits < 0 || blockQubits > StateVector.MAX_QUBITS) throw new IllegalArgumentException("cache block of " + blockQubits + " qubits is outside 0.." + StateVector.MAX_QUBITS + " (0 = no blocking)");
        this.kernels = kernels;
        this.fusionWidth = fusionWidth;
        this.blockQubits = blockQubits;
    }

    /** A simulator on the single-threaded Vector API kernels, without fusion. */
    public static Simulator create() {
        return new Simulator(VectorKernels.singleThreaded(), 0, DEFAULT_BLOCK_QUBITS);
    }

    /** A simulator on the plain scalar reference kernels (slow; for cross-checks). */
    public static Simulator reference() {
        return new Simulator(ScalarKernels.INSTANCE, 0, 0);
    }

    /** A simulator on the given kernels, without fusion. */
    public static Simulator using(GateKernels kernels) {
        return new Simulator(kernels, 0, DEFAULT_BLOCK_QUBITS);
    }

    /** The same simulator fusing into blocks of at most {@code maxQubits} (1..5); 0 turns fusion off. */
    public Simulator withFusion(int maxQubits) {
        return new Simulator(kernels, maxQubits, blockQubits);
    }

    /**
     * The same simulator applying runs of gates below qubit {@code blockQubits} one cache block
     * of 2^blockQubits amplitudes at a time, on states larger than a block (only with
     * {@link VectorKernels}; 0 turns it off). Results are identical either way.
     */
    public Simulator withCacheBlocking(int blockQubits) {
        return new Simulator(kernels, fusionWidth, blockQubits);
    }

    /** Cache block size in qubits, or 0 when blocking is off. */
    public int blockQubits() { return blockQubits; }

    public GateKernels kernels() { return kernels; }

    /** Widest fused block, or 0 when fusion is off. */
    public int fusionWidth() { return fusionWidth; }

    public CompiledCircuit compile(Circuit circuit) {
        return new CompiledCircuit(circuit, kernels, fusionWidth, blockQubits);
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
        return "Simulator[" + kernels.getClass().getSimpleName() + ", fusion " + (fusionWidth == 0 ? "off" : "≤" + fusionWidth + " qubits")
                + ", cache blocks " + (blockQubits == 0 ? "off" : "2^" + blockQubits) + "]";
    }
}
