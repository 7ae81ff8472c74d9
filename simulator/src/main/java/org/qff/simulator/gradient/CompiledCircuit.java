package org.qff.simulator.gradient;

import java.util.List;
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.observable.PauliSum;

/**
 * A circuit prepared once for differentiation: each gate's inverse, which gates and arguments carry
 * symbols, and helpers that apply a gate, its inverse or any local matrix through {@link GateKernels}.
 * Fixed gates go through prepared {@link FixedGate} calls (cheapest kernel per kind, no allocation); parameterised gates are
 * applied from matrices written by {@link GateDerivatives} into caller-owned buffers.
 */
final class CompiledCircuit {
    final Circuit circuit;
    final GateKernels kernels;
    final Gate[] gates;
    final Gate[] inverses;
    /** Prepared kernel calls for argument-free gates and their inverses (null for parameterised gates). */
    final FixedGate[] fixedForward, fixedInverse;
    /** True where the gate has arguments (its matrix is built by GateDerivatives). */
    final boolean[] parametric;
    /** [gate][arg]: true where the argument mentions a trainable or an input. */
    final boolean[][] argHasSymbols;
    /** True where some argument of the gate mentions a symbol. */
    final boolean[] differentiable;

    CompiledCircuit(Circuit circuit, GateKernels kernels) {
        if (circuit == null) throw new IllegalArgumentException("circuit is null");
        if (kernels == null) throw new IllegalArgumentException("kernels are null");
        this.circuit = circuit;
        this.kernels = kernels;
        List<Gate> list = circuit.gates();
        int n = list.size();
        gates = list.toArray(new Gate[0]);
        List<Gate> inv = circuit.inverse().gates();
        inverses = new Gate[n];
        parametric = new boolean[n];
        argHasSymbols = new boolean[n][];
        differentiable = new boolean[n];
        fixedForward = new FixedGate[n];
        fixedInverse = new FixedGate[n];
        for (int k = 0; k < n; k++) {
            Gate g = gates[k];
            inverses[k] = inv.get(n - 1 - k);
            if (!g.kind().isParameterised()) {
                fixedForward[k] = new FixedGate(g);
                fixedInverse[k] = new FixedGate(inverses[k]);
            }
            parametric[k] = g.kind().isParameterised();
            argHasSymbols[k] = new boolean[g.args().length];
            for (int a = 0; a < g.args().length; a++) {
                argHasSymbols[k][a] = ExprCalculus.hasSymbols(g.args()[a]);
                differentiable[k] |= argHasSymbols[k][a];
            }
            if (differentiable[k]) GateDerivatives.requireSupported(g.kind(), "gate " + k + " (" + g + ")");
        }
    }

    int size() { return gates.length; }

    int qubits() { return circuit.qubits(); }

    /** Dimension 2^k of gate k's matrix. */
    int dim(int k) { return 1 << gates[k].qubits().length; }

    /** Writes gate k's argument values at b into args (length ≥ arg count). */
    void argValues(int k, Bindings b, double[] args) {
        Expr[] e = gates[k].args();
        for (int a = 0; a < e.length; a++) args[a] = e[a].eval(b);
    }

    /** Applies any 2^k × 2^k matrix on gate k's qubits. */
    void applyMatrix(int k, double[] m, StateVector s) {
        applyMatrix(gates[k].qubits(), m, s);
    }

    void applyMatrix(int[] q, double[] m, StateVector s) {
        // Kernels expect exactly 2·4^k doubles; our scratch buffers are sized for the largest gate.
        int need = 2 << (2 * q.length);
        if (m.length != need) {
            double[] exact = q.length == 1 ? exact1 : q.length == 2 ? exact2 : new double[need];
            System.arraycopy(m, 0, exact, 0, need);
            m = exact;
        }
        switch (q.length) {
            case 1 -> kernels.dense1(s, q[0], m);
            case 2 -> kernels.dense2(s, q[0], q[1], m);
            default -> kernels.denseK(s, q, m);
        }
    }

    /** Entries (1,1), (1,3), (3,1), (3,3) of a 4×4 matrix on [control, target]: the control = 1 block. */
    private static final int[] CONTROLLED_BLOCK = {5, 7, 13, 15};
    private final double[] exact1 = new double[8], exact2 = new double[32];
    private final double[] diagScratch = new double[8], blockScratch = new double[8];
    private final int[] controlScratch = new int[1];

    /**
     * Applies parameterised gate k given its matrix m (U, or U† when {@code inverse}) through the
     * cheapest kernel for its kind, as {@link org.qff.simulator.circuit.GateApplier} does: RY as a real rotation, diagonal
     * kinds as one multiply pass, controlled kinds through the controlled kernel, the rest dense.
     */
    void applyParametric(int k, double[] m, double[] args, boolean inverse, StateVector s) {
        int[] q = gates[k].qubits();
        switch (gates[k].kind()) {
            case RY -> kernels.ry(s, q[0], inverse ? -args[0] : args[0]);
            case RZ, PHASE -> kernels.diagonal1(s, q[0], m[0], m[1], m[6], m[7]);
            case CPHASE, RZZ, CRZ -> {
                for (int l = 0; l < 4; l++) {
                    diagScratch[2 * l] = m[2 * (l * 4 + l)];
                    diagScratch[2 * l + 1] = m[2 * (l * 4 + l) + 1];
                }
                kernels.diagonal(s, q, diagScratch);
            }
            case CRX, CRY, CU3 -> {
                for (int e = 0; e < 4; e++) {
                    blockScratch[2 * e] = m[2 * CONTROLLED_BLOCK[e]];
                    blockScratch[2 * e + 1] = m[2 * CONTROLLED_BLOCK[e] + 1];
                }
                controlScratch[0] = q[0];
                kernels.controlled1(s, controlScratch, q[1], blockScratch);
            }
            default -> applyMatrix(q, m, s);
        }
    }

    /** Applies a fixed (argument-free) gate k or its inverse. */
    void applyFixed(int k, StateVector s, boolean inverse) {
        (inverse ? fixedInverse[k] : fixedForward[k]).apply(kernels, s);
    }

    /** Throws naming the observable (index −1: unnumbered) and the qubit if it reaches beyond the circuit. */
    void checkObservable(PauliSum o, int index) {
        ObservableChecks.check(o, index, circuit.qubits());
    }

    void checkBindings(Bindings b) {
        if (b == null) throw new IllegalArgumentException("bindings are null");
        circuit.check(b);
    }

    static void checkLength(double[] a, int n, String what) {
        if (a != null && a.length != n) throw new IllegalArgumentException(what + " has length " + a.length + ", expected " + n);
    }

    /** The slot of a named trainable or input, as {kind (0 trainable, 1 input), index}; throws naming it if absent. */
    int[] slotOf(String name) {
        int t = circuit.trainableNames().indexOf(name);
        if (t >= 0) return new int[] {0, t};
        int x = circuit.inputNames().indexOf(name);
        if (x >= 0) return new int[] {1, x};
        throw new IllegalArgumentException("the circuit has no parameter or input named \"" + name + "\" (trainables: "
                + circuit.trainableNames() + ", inputs: " + circuit.inputNames() + ")");
    }
}
