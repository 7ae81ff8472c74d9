package org.qff.simulator.exec;

import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.circuit.GateMatrices;
import org.qff.simulator.kernel.KernelOp;

/**
 * A fused block applied as one dense (or, when every member is diagonal, one diagonal) kernel
 * call. A block of fixed gates has its matrix computed once; a block with parameterised members
 * rebuilds it on each run by applying the members to the identity in reused buffers.
 */
final class FusedOp implements Op {
    private final int[] qubits;
    private final int dim;
    private final Gate[] members;
    /** members' qubits as bit positions inside the block */
    private final int[][] local;
    private final double[][] memberMatrices;
    private final boolean[] memberFixed;
    private final boolean fixed;
    private final boolean diagonal;
    private final double[] matrix;
    private final double[] args = new double[3];
    private final double[] inRe = new double[32], inIm = new double[32];

    FusedOp(GateFuser.Block block) {
        this.qubits = block.qubits();
        this.dim = 1 << qubits.length;
        List<Gate> gates = block.gates();
        this.members = gates.toArray(Gate[]::new);
        this.local = new int[members.length][];
        this.memberMatrices = new double[members.length][];
        this.memberFixed = new boolean[members.length];
        boolean allFixed = true, allDiagonal = true;
        for (int m = 0; m < members.length; m++) {
            Gate g = members[m];
            int[] l = new int[g.qubits().length];
            for (int j = 0; j < l.length; j++) l[j] = java.util.Arrays.binarySearch(qubits, g.qubits()[j]);
            local[m] = l;
            memberFixed[m] = g.isFixed();
            memberMatrices[m] = memberFixed[m] ? g.matrix(Bindings.NONE) : new double[2 << (2 * l.length)];
            allFixed &= memberFixed[m];
            allDiagonal &= GateMatrices.isDiagonal(g.kind());
        }
        this.fixed = allFixed;
        this.diagonal = allDiagonal;
        this.matrix = new double[diagonal ? 2 * dim : 2 * dim * dim];
        if (fixed) build(Bindings.NONE);
    }

    private void build(Bindings b) {
        for (int m = 0; m < members.length; m++) {
            if (memberFixed[m]) continue;
            Gate g = members[m];
            g.argValues(b, args);
            GateMatrices.fill(g.kind(), args, memberMatrices[m]);
        }
        if (diagonal) buildDiagonal();
        else buildDense();
    }

    private void buildDiagonal() {
        for (int l = 0; l < dim; l++) {
            double re = 1, im = 0;
            for (int m = 0; m < members.length; m++) {
                int[] pos = local[m];
                int loc = 0;
                for (int j = 0; j < pos.length; j++) loc |= ((l >> pos[j]) & 1) << j;
                int md = 1 << pos.length;
                double dr = memberMatrices[m][2 * (loc * md + loc)], di = memberMatrices[m][2 * (loc * md + loc) + 1];
                double r = re * dr - im * di;
                im = re * di + im * dr;
                re = r;
            }
            matrix[2 * l] = re;
            matrix[2 * l + 1] = im;
        }
    }

    /** matrix ← G_m ⋯ G_1 · I, each member applied to every column as to a small state. */
    private void buildDense() {
        java.util.Arrays.fill(matrix, 0.0);
        for (int l = 0; l < dim; l++) matrix[2 * (l * dim + l)] = 1;
        for (int m = 0; m < members.length; m++) {
            int[] pos = local[m];
            double[] g = memberMatrices[m];
            int md = 1 << pos.length;
            int mask = 0;
            for (int p : pos) mask |= 1 << p;
            for (int col = 0; col < dim; col++) {
                for (int base = 0; base < dim; base++) {
                    if ((base & mask) != 0) continue;
                    for (int a = 0; a < md; a++) {
                        int row = spread(base, pos, a);
                        inRe[a] = matrix[2 * (row * dim + col)];
                        inIm[a] = matrix[2 * (row * dim + col) + 1];
                    }
                    for (int r = 0; r < md; r++) {
                        double accRe = 0, accIm = 0;
                        for (int c = 0; c < md; c++) {
                            double gr = g[2 * (r * md + c)], gi = g[2 * (r * md + c) + 1];
                            accRe += gr * inRe[c] - gi * inIm[c];
                            accIm += gr * inIm[c] + gi * inRe[c];
                        }
                        int row = spread(base, pos, r);
                        matrix[2 * (row * dim + col)] = accRe;
                        matrix[2 * (row * dim + col) + 1] = accIm;
                    }
                }
            }
        }
    }

    private static int spread(int base, int[] pos, int localIndex) {
        int i = base;
        for (int j = 0; j < pos.length; j++) i |= ((localIndex >> j) & 1) << pos[j];
        return i;
    }

    private KernelOp prepared;

    public int maxQubit() { return qubits[qubits.length - 1]; }

    public long qubitMask() { return GateOps.mask(qubits); }

    public KernelOp prepared() {
        if (prepared == null) prepared = diagonal ? KernelOp.diagonal(qubits, matrix) : KernelOp.dense(qubits, matrix);
        return prepared;
    }

    public void rebind(Bindings b) {
        if (fixed) return;
        build(b);
        prepared.setMatrix(matrix);
    }

    /** Whether the block's matrix depends on the bindings. */
    boolean isFixed() { return fixed; }

    boolean isDiagonal() { return diagonal; }

    public void apply(GateKernels k, StateVector s, Bindings b) {
        if (!fixed) build(b);
        if (diagonal) {
            if (qubits.length == 1) k.diagonal1(s, qubits[0], matrix[0], matrix[1], matrix[2], matrix[3]);
            else k.diagonal(s, qubits, matrix);
            return;
        }
        switch (qubits.length) {
            case 1 -> k.dense1(s, qubits[0], matrix);
            case 2 -> k.dense2(s, qubits[0], qubits[1], matrix);
            default -> k.denseK(s, qubits, matrix);
        }
    }
}
