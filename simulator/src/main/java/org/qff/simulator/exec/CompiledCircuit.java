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
 * {@link VectorKernels} on states larger than a cache block, runs of consecutive ops whose qubits
 * fit one (possibly strided) cache block are applied block by block: one pass over memory per run.
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
            List<GateFuser.Block> blocks = new GateFuser(fusionWidth).fuse(circuit.gates(), circuit.qubits());
            // Structured merges of neighbouring blocks (their dense parts stay two-qubit: two 4×4, or
            // three 2×2 and a permutation), so only from fusion width 2 on, and only where their kernels are.
            boolean vector = kernels instanceof VectorKernels && fusionWidth >= 2;
            // a lane-stage op acts on all three lane qubits, so the state needs them
            boolean lanes = vector && LaneStages.available() && circuit.qubits() >= LaneStages.QUBITS;
            if (lanes) blocks = LaneStages.merge(blocks);
            if (vector) blocks = PairMuxing.merge(RotationTiles.merge(blocks));
            for (GateFuser.Block block : blocks) {
                boolean permutes = allPermutations(block);
                LaneStages.Plan lanePlan = lanes && !permutes ? LaneStages.plan(block.gates()) : null;
                boolean laneOp = lanePlan != null && lanePlan.worthwhile();
                RotationTiles.Plan tilePlan = vector && !laneOp && block.gates().size() > 1 && !permutes
                        ? RotationTiles.plan(block.gates()) : null;
                if (laneOp) {
                    out.add(new LaneStageOp(block, lanePlan));
                    fused++;
                } else if (tilePlan != null) {
                    out.add(new TileOp(block, tilePlan));
                    fused++;
                } else if (block.gates().size() == 1 || permutes) {
                    // Alone, or only moving amplitudes: the specialised kernels beat a dense block.
                    for (Gate g : block.gates()) GateOps.add(g, out);
                } else {
                    out.add(new FusedOp(block));
                    fused++;
                }
            }
        }
        if (kernels instanceof VectorKernels vk && blockQubits > 0 && circuit.qubits() > blockQubits) out = blocked(out, vk, circuit.qubits(), blockQubits);
        this.ops = out.toArray(Op[]::new);
        this.fusedBlocks = fused;
    }

    /**
     * Groups runs of consecutive ops into cache-blocked passes, greedily: a run grows while all its
     * qubits fit one split block [0, c) ∪ [h, n) of at most 2^blockQubits amplitudes (h = n is the
     * plain contiguous block). No op is moved, so the result is the circuit's, bit for bit.
     */
    private List<Op> blocked(List<Op> ops, VectorKernels vk, int n, int blockQubits) {
        int minLow = Integer.numberOfTrailingZeros(VectorKernels.lanes());
        List<Op> out = new ArrayList<>();
        List<Op> run = new ArrayList<>();
        long mask = 0;
        int[] split = null;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            int[] grown = split(mask | op.qubitMask(), n, blockQubits, minLow);
            if (grown != null && !(grown[1] < n && contiguousRunAhead(ops, i, mask, n, blockQubits, minLow))) {
                run.add(op);
                mask |= op.qubitMask();
                split = grown;
                continue;
            }
            flush(run, split, out, vk, n, blockQubits);
            mask = op.qubitMask();
            split = split(mask, n, blockQubits, minLow);
            if (split != null) {
                run.add(op);
            } else {
                out.add(op); // wider than any block: a pass of its own
                mask = 0;
            }
        }
        flush(run, split, out, vk, n, blockQubits);
        return out;
    }

    /**
     * Whether ops i, i+1, … all fit a contiguous block up to an op that the current strided run
     * (qubits {@code runMask}) cannot take but a contiguous block can: that contiguous run comes
     * anyway, so ops from i on are better in it. There they run on a 1 MiB block with L1
     * sub-blocks (SubBlocks); in the strided run they would stream its wider block from L3. In the
     * layered benchmark circuit these are the next layer's lane-qubit blocks and first tile, which
     * the greedy grouping put at the end of the previous layer's strided run.
     */
    private static boolean contiguousRunAhead(List<Op> ops, int i, long runMask, int n, int blockQubits, int minLow) {
        long contiguous = blockQubits >= 64 ? -1L : (1L << blockQubits) - 1;
        if ((runMask & ~contiguous) == 0) return false;
        long low = 0;
        for (int j = i; j < ops.size(); j++) {
            long m = ops.get(j).qubitMask();
            if (((low | m) & ~contiguous) != 0) return false;
            if (split(runMask | low | m, n, blockQubits, minLow) == null) return j > i;
            low |= m;
        }
        return false;
    }

    /**
     * How far (in qubits) a contiguous block may exceed the cache budget: 2^19 amplitudes (8 MiB, in
     * L3) at the default 2^16. A few ops on qubits just above the budget then join the contiguous
     * pass (the ops below the budget still run per 1 MiB sub-block, kernel.SubBlocks) instead of
     * the strided pass after it, which costs more per op and per high qubit it must span. Measured
     * on the fused layer at n = 24 (benchmarks/RESULTS.md).
     */
    static final int CONTIGUOUS_WIDENING = 3;

    /**
     * The smallest split block (lowQubits c, highFrom h) holding every qubit of {@code mask}, or
     * null when none has at most 2^blockQubits amplitudes (2^(blockQubits + CONTIGUOUS_WIDENING)
     * for a contiguous block, h = n). For each h, c is one above the highest
     * qubit below h (at least the vector width's log, which the kernels require).
     */
    static int[] split(long mask, int n, int blockQubits, int minLow) {
        int[] best = null;
        int bestSize = Integer.MAX_VALUE;
        for (int h = 0; h <= n; h++) {
            long below = h == 64 ? mask : mask & ((1L << h) - 1);
            int c = Math.max(minLow, 64 - Long.numberOfLeadingZeros(below));
            if (c > h) continue;
            int size = c + (n - h);
            int budget = h == n ? blockQubits + CONTIGUOUS_WIDENING : blockQubits;
            if (size <= budget && size < bestSize) {
                best = new int[] {c, h};
                bestSize = size;
            }
        }
        return best;
    }

    private void flush(List<Op> run, int[] split, List<Op> out, VectorKernels vk, int n, int blockQubits) {
        if (run.size() == 1) {
            out.add(run.get(0));
        } else if (run.size() > 1) {
            // The smallest block that holds the run is widened to the cache budget: a kernel call
            // covers a contiguous run of 2^(c − log2 L) groups of a block, so c = 3 (the smallest)
            // meant one call per vector on strided blocks (measured: most of a fused layer's time).
            int h = split[1];
            int c = Math.max(split[0], Math.min(h, blockQubits - (n - h)));
            if (h == n) {
                out.add(new BlockedOps(run, vk, c, h));
            } else {
                // A strided block: in place when its runs can be whole pages, else gathered into a
                // contiguous buffer (measurements in StridedRuns and GatheredBlocks).
                int low = StridedRuns.inPlaceLow(c, h, n, run.size(), blockQubits);
                out.add(low >= 0 ? new BlockedOps(run, vk, low, h) : new GatheredOps(run, vk, c, h, n));
            }
        }
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

    /** Number of kernel calls that are gathered runs on strided cache blocks (for tests). */
    int gatheredRunCount() {
        int k = 0;
        for (Op op : ops) if (op instanceof GatheredOps) k++;
        return k;
    }

    /** Number of kernel calls that are runs applied in place on strided cache blocks (for tests). */
    int stridedInPlaceRunCount() {
        int k = 0;
        for (Op op : ops) if (op instanceof BlockedOps b && b.strided()) k++;
        return k;
    }

    /** The qubits of each kernel call whose run is on strided cache blocks, in order (for tests). */
    List<Long> stridedRunMasks() {
        List<Long> masks = new ArrayList<>();
        for (Op op : ops) if (op instanceof GatheredOps || (op instanceof BlockedOps b && b.strided())) masks.add(op.qubitMask());
        return masks;
    }

    /** Number of those calls that are fused blocks. */
    public int fusedBlockCount() { return fusedBlocks; }

    @Override
    public String toString() {
        return "CompiledCircuit[" + circuit + ", " + ops.length + " kernel calls, " + fusedBlocks + " fused]";
    }
}
