package org.qff.simulator.exec;

import java.util.ArrayList;
import java.util.List;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateMatrices;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Merges neighbouring fused blocks of two qubits each into one block when together they act on
 * three high qubits, are real for every binding, and leave one of the three qubits unchanged (it
 * is only a control or a Z-type phase in both): the merged block's 8×8 is then two real 4×4 chosen
 * by that qubit, applied by the multiplexed kernel (kernel.MuxSweeps) in one pass instead of two.
 * A fused CNOT ladder is such a chain: block j is RY(j+1) then CNOT(j, j+1), so blocks j and j+1
 * merge on (j, j+1, j+2) with qubit j as the selector. A lone CNOT next to such a block (where one
 * ladder layer meets the next) merges the same way. Pairs of blocks that only permute amplitudes,
 * or only multiply them by phases, are left to the permutation and diagonal kernels.
 *
 * <p>Only adjacent blocks merge, so no gate moves and the circuit is unchanged; the kernel choice
 * is made again on every re-binding (KernelOp#setMatrix), so a block that stops being multiplexed
 * still runs correctly.
 */
final class PairMuxing {
    private PairMuxing() {}

    static List<GateFuser.Block> merge(List<GateFuser.Block> blocks) {
        List<GateFuser.Block> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            GateFuser.Block a = blocks.get(i);
            if (i + 1 < blocks.size() && mergeable(a, blocks.get(i + 1))) {
                GateFuser.Block b = blocks.get(i + 1);
                List<Gate> gates = new ArrayList<>(a.gates());
                gates.addAll(b.gates());
                out.add(new GateFuser.Block(GateOps.qubits(mask(a) | mask(b)), gates));
                i++;
            } else {
                out.add(a);
            }
        }
        return out;
    }

    static boolean mergeable(GateFuser.Block a, GateFuser.Block b) {
        long ma = mask(a), mb = mask(b), union = ma | mb;
        if (Long.bitCount(union) != 3 || Long.bitCount(ma) != 2 || Long.bitCount(mb) != 2) return false;
        if (Long.numberOfTrailingZeros(union) < Integer.numberOfTrailingZeros(VectorKernels.lanes())) return false;
        boolean moves = false, mixes = false;
        for (GateFuser.Block blk : List.of(a, b)) {
            for (Gate g : blk.gates()) {
                if (!alwaysReal(g)) return false;
                moves |= !GateMatrices.isDiagonal(g.kind());
                mixes |= !GateMatrices.isDiagonal(g.kind()) && !GateMatrices.isPermutation(g.kind());
            }
        }
        if (!moves || !mixes) return false;
        for (long m = union; m != 0; m &= m - 1) {
            int q = Long.numberOfTrailingZeros(m);
            if (keeps(a.gates(), q) && keeps(b.gates(), q)) return true;
        }
        return false;
    }

    private static long mask(GateFuser.Block block) {
        return GateOps.mask(block.qubits());
    }

    /** Whether no gate in the list changes qubit q's value (it may read it, or phase it by ±1). */
    private static boolean keeps(List<Gate> gates, int q) {
        for (Gate g : gates) if (!keeps(g, q)) return false;
        return true;
    }

    private static boolean keeps(Gate g, int q) {
        int[] qs = g.qubits();
        int at = -1;
        for (int i = 0; i < qs.length; i++) if (qs[i] == q) at = i;
        if (at < 0) return true;
        return switch (g.kind()) {
            case I, Z, CZ -> true;
            case CX, CH, CRY, CSWAP -> at == 0;
            case CCX -> at <= 1;
            default -> false;
        };
    }

    /** Whether the gate's matrix is real whatever its parameters are bound to. */
    private static boolean alwaysReal(Gate g) {
        return switch (g.kind()) {
            case I, H, X, Z, RY, CX, CZ, CH, SWAP, CRY, CCX, CSWAP -> true;
            case UNITARY -> realMatrix(g.matrix());
            default -> false;
        };
    }

    private static boolean realMatrix(double[] m) {
        if (m == null) return false;
        for (int i = 1; i < m.length; i += 2) if (m[i] != 0.0) return false;
        return true;
    }
}
