package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateKind;

/**
 * Groups a gate sequence into blocks of at most {@code maxQubits} qubits, in the manner of qsim's
 * fuser: a gate joins the blocks that currently end its qubits' timelines when the union stays
 * small enough, so a layer of one-qubit rotations and a CNOT ladder becomes a few dense two-qubit
 * blocks. Gates wider than the limit stay alone. The identity is dropped.
 *
 * <p>Correctness argument: a block may absorb a gate (or be merged with another block) only while
 * it is "open", i.e. no later block touches any of its qubits. Moving an open block's gates to the
 * position of the new gate therefore commutes them only past gates on other qubits. Emitting
 * blocks in order of their last gate is then a valid order: if block Y has a gate after one of
 * block M's on a shared qubit, M closed at that moment, so all of M precedes Y's last gate.
 */
public final class GateFuser {
    private final int maxQubits;

    /** @param maxQubits the widest fused block, 1..5 (the dense kernels' limit) */
    public GateFuser(int maxQubits) {
        if (maxQubits < 1 || maxQubits > 5) throw new IllegalArgumentException("fusion width " + maxQubits + " is outside 1..5");
        this.maxQubits = maxQubits;
    }

    public int maxQubits() { return maxQubits; }

    /** A run of gates to be applied as one unit on {@code qubits} (ascending). */
    public record Block(int[] qubits, List<Gate> gates) {
        public Block {
            qubits = qubits.clone();
            gates = List.copyOf(gates);
        }

        /** The block of these gates, on the qubits they touch. */
        static Block of(List<Gate> gates) {
            long mask = 0;
            for (Gate g : gates) mask |= GateOps.mask(g.qubits());
            return new Block(GateOps.qubits(mask), gates);
        }

        @Override
        public String toString() { return "Block" + Arrays.toString(qubits) + gates; }
    }

    private static final class Open {
        long mask;
        final List<Gate> gates = new ArrayList<>();
        int last;
        boolean alive = true;
        final boolean sealed;

        Open(boolean sealed) { this.sealed = sealed; }
    }

    public List<Block> fuse(List<Gate> gates, int qubitCount) {
        Open[] latest = new Open[qubitCount];
        List<Open> all = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            Gate g = gates.get(i);
            if (g.kind() == GateKind.I) continue;
            long q = GateOps.mask(g.qubits());
            Open target = null;
            if (g.qubits().length <= maxQubits) target = joinable(latest, q);
            if (target == null) {
                target = new Open(g.qubits().length > maxQubits);
                all.add(target);
            }
            target.gates.add(g);
            target.mask |= q;
            target.last = i;
            for (long m = target.mask; m != 0; m &= m - 1) latest[Long.numberOfTrailingZeros(m)] = target;
        }
        List<Open> alive = new ArrayList<>();
        for (Open o : all) if (o.alive) alive.add(o);
        alive.sort(Comparator.comparingInt(o -> o.last));
        List<Block> out = new ArrayList<>(alive.size());
        for (Open o : alive) out.add(new Block(GateOps.qubits(o.mask), o.gates));
        return out;
    }

    /**
     * The block a gate on {@code q} can join, after merging every open block ending on its qubits
     * into one when that fits; null when the gate must start a new block.
     */
    private Open joinable(Open[] latest, long q) {
        List<Open> candidates = new ArrayList<>(4);
        for (long m = q; m != 0; m &= m - 1) {
            Open o = latest[Long.numberOfTrailingZeros(m)];
            if (o != null && !o.sealed && !candidates.contains(o) && isOpen(o, latest)) candidates.add(o);
        }
        if (candidates.isEmpty()) return null;
        long union = q;
        for (Open o : candidates) union |= o.mask;
        if (Long.bitCount(union) <= maxQubits) {
            Open into = candidates.get(0);
            for (int c = 1; c < candidates.size(); c++) {
                // open blocks act on disjoint qubits, so their gates commute and concatenate in any order
                Open other = candidates.get(c);
                into.gates.addAll(other.gates);
                into.mask |= other.mask;
                other.alive = false;
            }
            return into;
        }
        Open best = null;
        for (Open o : candidates) {
            if (Long.bitCount(o.mask | q) <= maxQubits && (best == null || Long.bitCount(o.mask) > Long.bitCount(best.mask))) best = o;
        }
        return best;
    }

    private static boolean isOpen(Open o, Open[] latest) {
        for (long m = o.mask; m != 0; m &= m - 1) if (latest[Long.numberOfTrailingZeros(m)] != o) return false;
        return true;
    }
}
