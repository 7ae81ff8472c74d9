package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateMatrices;
import org.qff.simulator.kernel.VectorKernels;

/**
 * A circuit prepared for repeated runs: gates (or fused blocks) mapped to kernel calls, fixed
 * matrices precomputed, buffers for parameterised ones allocated once. Running it allocates
 * nothing, so one compiled circuit serves many parameter sets in a training loop. With
 * {@link VectorKernels} on states larger than a cache block, runs of consecutive ops below the
 * block size are applied block by block (one pass over memory per run).
 *
 * <p>Not thread-safe (the buffers are shared between runs): compile one per thread.
 */
public final class CompiledCircuit {
    private final Circuit circuit;
    private final GateKernels kernels;
    private final Op[] ops;
    private final int fusedBlocks;

    CompiledCircuit(Circuit circuit, GateKernels kernels, int fusionWidth, int blockQubits) {
        this.circuit = circuit;
        this.kernels = kernels;
        List<Op> out = new ArrayList<>();
        int fused = 0;
        if (fusionWidth == 0) {
            for (Gate g : circuit.gates()) GateOps.add(g, out);
        } else {
            for (GateFuser.Block block : new GateFuser(fusionWidth).fuse(circuit.gates(), circuit.qubits())) {
                if (block.gates().size() == 1 || allPermutations(block)) {
                    // Alone, or only moving amplitudes: the specialised kernels beat a dense block.
                    for (Gate g : block.gates()) GateOps.add(g, out);
                } else {
                    out.add(new FusedOp(block));
                    fused++;
                }
            }
        }
        if (kernels instanceof VectorKernels vk && blockQubits > 0 && circuit.qubits() > blockQubits) out = blocked(out, vk, blockQubits);
        this.ops = out.toArray(Op[]::new);
        this.fusedBlocks = fused;
    }

    /** Groups maximal runs of two or more consecutive ops below the block size into cache-blocked runs. */
    private static List<Op> blocked(List<Op> ops, VectorKernels vk, int blockQubits) {
        List<Op> out = new ArrayList<>();
        List<Op> run = new ArrayList<>();
        for (Op op : ops) {
            if (op.maxQubit() < blockQubits) {
                run.add(op);
                continue;
            }
            flush(run, out, vk, blockQubits);
            out.add(op);
        }
        flush(run, out, vk, blockQubits);
        return out;
    }

    private static void flush(List<Op> run, List<Op> out, VectorKernels vk, int blockQubits) {
        if (run.size() == 1) out.add(run.get(0));
        else if (run.size() > 1) out.add(new BlockedOps(run, vk, blockQubits));
        run.clear();
    }

    private static boolean allPermutations(GateFuser.Block block) {
        for (Gate g : block.gates()) if (!GateMatrices.isPermutation(g.kind())) return false;
        return true;
    }

    /** Applies the circuit to the state in place. */
    public void run(Bindings bindings, StateVector state) {
        if (state.qubits() != circuit.qubits()) {
            throw new IllegalArgumentException("circuit has " + circuit.qubits() + " qubits, state has " + state.qubits());
        }
        circuit.check(bindings);
        for (Op op : ops) op.apply(kernels, state, bindings);
    }

    /** As {@link #run(Bindings, StateVector)}, reporting the number of kernel calls done after each one (for progress bars). */
    public void run(Bindings bindings, StateVector state, java.util.function.IntConsumer progress) {
        if (state.qubits() != circuit.qubits()) {
            throw new IllegalArgumentException("circuit has " + circuit.qubits() + " qubits, state has " + state.qubits());
        }
        circuit.check(bindings);
        for (int i = 0; i < ops.length; i++) {
            ops[i].apply(kernels, state, bindings);
            progress.accept(i + 1);
        }
    }

    /** Resets the state to |0…0⟩ and applies the circuit. */
    public void runFromZero(Bindings bindings, StateVector state) {
        state.reset();
        run(bindings, state);
    }

    public Circuit circuit() { return circuit; }

    /** Number of kernel calls per run (a cache-blocked run of ops counts as one). */
    public int operationCount() { return ops.length; }

    /** Number of those calls that are fused blocks. */
    public int fusedBlockCount() { return fusedBlocks; }

    @Override
    public String toString() {
        return "CompiledCircuit[" + circuit + ", " + ops.length + " kernel calls, " + fusedBlocks + " fused]";
    }
}
