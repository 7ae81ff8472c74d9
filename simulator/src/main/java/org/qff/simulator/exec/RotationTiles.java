package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Finds rotation tiles: runs of neighbouring fused blocks whose gates are real one-qubit gates
 * (RY, H, Z) and permutations (X, CX, CCX, SWAP) on three high qubits, plus at most one more high
 * qubit that is only ever a control (the selector), where every one-qubit gate on a qubit comes
 * before any permutation touching it. Such a run is A ⊗ B ⊗ C followed by a permutation chosen
 * by the selector, which kernel.TileSweeps applies in one pass. A CNOT ladder fused two qubits
 * at a time is a chain of such blocks: blocks j, j+1, j+2 (RY(j+1)·CX(j, j+1), …) form one tile
 * on (j+1, j+2, j+3) with selector j, a third of the passes.
 *
 * <p>Only adjacent blocks merge, so no gate moves past another on a shared qubit; moving a
 * one-qubit gate to the front of its tile passes only gates on other qubits.
 */
final class RotationTiles {
    private RotationTiles() {}

    /** A tile's qubits: three targets, ascending, and the selector (−1 for none). */
    record Plan(int[] targets, int selector) {}

    /** The blocks with every maximal run of two or more that forms a tile merged into one block. */
    static List<GateFuser.Block> merge(List<GateFuser.Block> blocks) {
        List<GateFuser.Block> out = new ArrayList<>(blocks.size());
        int i = 0;
        while (i < blocks.size()) {
            List<Gate> gates = new ArrayList<>(blocks.get(i).gates());
            int end = i + 1, best = -1;
            List<Gate> bestGates = null;
            while (end < blocks.size()) {
                gates.addAll(blocks.get(end).gates());
                if (!fits(gates)) break;
                end++;
                if (plan(gates) != null) {
                    best = end;
                    bestGates = new ArrayList<>(gates);
                }
            }
            if (best > 0) {
                out.add(GateFuser.Block.of(bestGates));
                i = best;
            } else {
                out.add(blocks.get(i));
                i++;
            }
        }
        return out;
    }

    /** The tile these gates form, or null: exactly three high targets, at most one high selector. */
    static Plan plan(List<Gate> gates) {
        long[] sets = sets(gates);
        if (sets == null) return null;
        long targets = sets[0], selector = sets[1];
        if (Long.bitCount(targets) != 3 || Long.bitCount(selector) > 1) return null;
        int lanes = Integer.numberOfTrailingZeros(VectorKernels.lanes());
        if (Long.numberOfTrailingZeros(targets | selector) < lanes) return null;
        return new Plan(GateOps.qubits(targets), selector == 0 ? -1 : Long.numberOfTrailingZeros(selector));
    }

    /** Whether the gates could still grow into a tile: tile gates only, at most 3 targets and 1 selector. */
    private static boolean fits(List<Gate> gates) {
        long[] sets = sets(gates);
        return sets != null && Long.bitCount(sets[0]) <= 3 && Long.bitCount(sets[1]) <= 1;
    }

    /**
     * {targets, selectors}: qubits a gate changes, and qubits only ever read as controls; or null
     * when a gate is not a tile gate or a one-qubit gate follows a permutation on its qubit.
     */
    private static long[] sets(List<Gate> gates) {
        long changed = 0, read = 0, permuted = 0;
        for (Gate g : gates) {
            int[] q = g.qubits();
            switch (g.kind()) {
                case I -> { }
                case RY, H, Z -> {
                    long b = 1L << q[0];
                    if ((permuted & b) != 0) return null;
                    changed |= b;
                }
                case X -> {
                    changed |= 1L << q[0];
                    permuted |= 1L << q[0];
                }
                case CX -> {
                    read |= 1L << q[0];
                    changed |= 1L << q[1];
                    permuted |= 1L << q[0] | 1L << q[1];
                }
                case CCX -> {
                    read |= 1L << q[0] | 1L << q[1];
                    changed |= 1L << q[2];
                    permuted |= 1L << q[0] | 1L << q[1] | 1L << q[2];
                }
                case SWAP -> {
                    changed |= 1L << q[0] | 1L << q[1];
                    permuted |= 1L << q[0] | 1L << q[1];
                }
                default -> {
                    return null;
                }
            }
        }
        return new long[] {changed, read & ~changed};
    }

    /** Where each local index k (bit j ↔ targets[j], bit 3 ↔ selector) ends up after the permutation gates: perm[8x + k]. */
    static int[] permutation(List<Gate> gates, Plan plan) {
        int[] perm = new int[16];
        for (int x = 0; x < 2; x++) {
            for (int k = 0; k < 8; k++) {
                int v = k | (x << 3);
                for (Gate g : gates) {
                    int[] q = g.qubits();
                    switch (g.kind()) {
                        case X -> v ^= bit(plan, q[0]);
                        case CX -> { if ((v & bit(plan, q[0])) != 0) v ^= bit(plan, q[1]); }
                        case CCX -> {
                            int c = bit(plan, q[0]) | bit(plan, q[1]);
                            if ((v & c) == c) v ^= bit(plan, q[2]);
                        }
                        case SWAP -> {
                            int a = bit(plan, q[0]), b = bit(plan, q[1]);
                            if (((v & a) != 0) != ((v & b) != 0)) v ^= a | b;
                        }
                        default -> { }
                    }
                }
                perm[8 * x + k] = v & 7;
            }
        }
        return perm;
    }

    /** The local bit of a qubit of the plan. */
    static int bit(Plan plan, int qubit) {
        for (int j = 0; j < 3; j++) if (plan.targets()[j] == qubit) return 1 << j;
        if (qubit == plan.selector()) return 1 << 3;
        throw new IllegalArgumentException("qubit " + qubit + " is not in the tile");
    }
}
