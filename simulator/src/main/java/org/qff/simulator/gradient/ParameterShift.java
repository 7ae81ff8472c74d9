package org.qff.simulator.gradient;

import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;

/**
 * Parameter-shift gradients: only expectation values of modified circuits, as a quantum computer
 * would measure them. For each gate argument a_(k,j) that mentions a symbol, ∂⟨O⟩/∂a comes from
 * the gate's {@link ShiftRule}, and the chain rule through the argument's {@link Expr} spreads it
 * onto every trainable and input (shared symbols add up). The state before gate k is kept and
 * advanced gate by gate, so each shifted evaluation simulates only gates k…K−1.
 *
 * <p>Matrix-function gates (SU2, U3, U2, CU3) use the effective-generator rule: for any unitary
 * family, ∂_aU = U·(−iK_a) with K_a = i·U†∂_aU Hermitian. Expanding K_a = Σ_P c_P P over the
 * Pauli strings on the gate's qubits (c_P = tr(P K_a)/2^k) gives
 * ∂_a f = Σ_P c_P · d/dε f(U e^{−iεP})|₀ = Σ_P c_P · [f(U e^{−iπ/4·P}) − f(U e^{+iπ/4·P})],
 * the two-term rule (gap 2, s = π/4, c = 1) for a Pauli rotation inserted after the gate. The
 * identity component is a global phase and drops out. For SU2 this needs at most 6 evaluations per
 * argument (3 Paulis × 2), for CU3 at most 30.
 *
 * <p>Usage: {@code new ParameterShift(circuit, kernels).gradient(b, obs, dTrain, dInput)}; one
 * instance per thread (it owns two scratch states).
 */
public final class ParameterShift implements AutoCloseable {
    private static final int MAT = 32;
    private static final String[] PAULI1 = {"X", "Y", "Z"};
    private static final String[] PAULI2;
    static {
        String l = "IXYZ";
        PAULI2 = new String[15];
        int i = 0;
        for (int a = 0; a < 4; a++) for (int b = 0; b < 4; b++) if (a + b > 0) PAULI2[i++] = "" + l.charAt(a) + l.charAt(b);
    }

    private final CompiledCircuit cc;
    private final StateVector prefix, work;
    private final double[][] argVals, matrices;
    private final double[] shifted = new double[3], m = new double[MAT], d = new double[MAT], a = new double[MAT], p = new double[MAT];
    private long evaluations;
    private StateVector initial;

    public ParameterShift(Circuit circuit) {
        this(circuit, ScalarKernels.INSTANCE);
    }

    public ParameterShift(Circuit circuit, GateKernels kernels) {
        cc = new CompiledCircuit(circuit, kernels);
        for (int k = 0; k < cc.size(); k++) if (cc.differentiable[k]) ShiftRule.of(cc.gates[k].kind());
        prefix = StateVector.zero(circuit.qubits());
        work = StateVector.zero(circuit.qubits());
        argVals = new double[cc.size()][3];
        matrices = new double[cc.size()][MAT];
    }

    /** Starts every evaluation from a copy of this state instead of |0…0⟩ (null restores |0…0⟩). */
    public void setInitialState(StateVector state) {
        if (state != null && state.qubits() != cc.qubits()) {
            throw new IllegalArgumentException("initial state has " + state.qubits() + " qubits, circuit has " + cc.qubits());
        }
        if (state == null) {
            if (initial != null) initial.close();
            initial = null;
        } else {
            if (initial == null) initial = StateVector.zero(cc.qubits());
            initial.copyFrom(state);
        }
    }

    /** Number of shifted-circuit evaluations the last gradient call needed. */
    public long lastEvaluations() { return evaluations; }

    /** ⟨O⟩, with ∂⟨O⟩/∂θ and ∂⟨O⟩/∂x into the arrays (overwritten; null skips). */
    public double gradient(Bindings b, PauliSum o, double[] dTrainables, double[] dInputs) {
        cc.checkBindings(b);
        cc.checkObservable(o, -1);
        CompiledCircuit.checkLength(dTrainables, cc.circuit.trainableCount(), "trainable gradient array");
        CompiledCircuit.checkLength(dInputs, cc.circuit.inputCount(), "input gradient array");
        if (dTrainables != null) java.util.Arrays.fill(dTrainables, 0);
        if (dInputs != null) java.util.Arrays.fill(dInputs, 0);
        evaluations = 0;
        for (int k = 0; k < cc.size(); k++) {
            if (!cc.parametric[k]) continue;
            cc.argValues(k, b, argVals[k]);
            GateDerivatives.fill(cc.gates[k].kind(), argVals[k], -1, -1, matrices[k]);
        }
        if (initial == null) prefix.reset(); else prefix.copyFrom(initial);
        work.copyFrom(prefix);
        runFrom(0, work);
        double value = Expectation.of(work, o);
        for (int k = 0; k < cc.size(); k++) {
            if (cc.differentiable[k]) {
                Expr[] e = cc.gates[k].args();
                for (int j = 0; j < e.length; j++) {
                    if (!cc.argHasSymbols[k][j]) continue;
                    double df = argumentDerivative(k, j, o);
                    ExprCalculus.accumulate(e[j], b, df, dTrainables, dInputs);
                }
            }
            apply(k, prefix);
        }
        return value;
    }

    /** ∂⟨O⟩/∂(the trainable or input called name). */
    public double derivative(Bindings b, PauliSum o, String name) {
        int[] slot = cc.slotOf(name);
        double[] dt = new double[cc.circuit.trainableCount()], dx = new double[cc.circuit.inputCount()];
        gradient(b, o, dt, dx);
        return slot[0] == 0 ? dt[slot[1]] : dx[slot[1]];
    }

    /** ∂⟨O⟩/∂a_(k,j) with prefix holding the state before gate k. */
    private double argumentDerivative(int k, int j, PauliSum o) {
        GateKind kind = cc.gates[k].kind();
        ShiftRule rule = ShiftRule.of(kind);
        if (rule == ShiftRule.EFFECTIVE_GENERATOR) return effectiveGenerator(k, j, o);
        double sum = 0;
        for (int i = 0; i < rule.shifts().length; i++) {
            sum += rule.coefficients()[i] * (shiftedValue(k, j, rule.shifts()[i], o) - shiftedValue(k, j, -rule.shifts()[i], o));
        }
        return sum;
    }

    private double shiftedValue(int k, int j, double shift, PauliSum o) {
        System.arraycopy(argVals[k], 0, shifted, 0, 3);
        shifted[j] += shift;
        GateDerivatives.fill(cc.gates[k].kind(), shifted, -1, -1, m);
        return tail(k, m, o);
    }

    private double effectiveGenerator(int k, int j, PauliSum o) {
        GateKind kind = cc.gates[k].kind();
        int dim = cc.dim(k);
        GateDerivatives.fill(kind, argVals[k], j, -1, d);
        LocalMatrices.adjoint(matrices[k], dim, m);
        LocalMatrices.multiply(m, d, dim, a); // A = U†∂U = −iK
        for (int i = 0; i < 2 * dim * dim; i += 2) { // K = iA
            double re = a[i], im = a[i + 1];
            a[i] = -im;
            a[i + 1] = re;
        }
        String[] paulis = dim == 2 ? PAULI1 : PAULI2;
        double sum = 0;
        for (String pauli : paulis) {
            LocalMatrices.clear(p, dim);
            LocalMatrices.addPauli(p, dim, pauli, 1, 0);
            double c = LocalMatrices.traceOfProductRe(p, a, dim) / dim;
            if (Math.abs(c) < 1e-15) continue;
            sum += c * (insertedValue(k, pauli, -1, o) - insertedValue(k, pauli, +1, o));
        }
        return sum;
    }

    /** ⟨O⟩ with gate k replaced by U·e^{sign·iπ/4·P} = U·(I + sign·i P)/√2. */
    private double insertedValue(int k, String pauli, int sign, PauliSum o) {
        int dim = cc.dim(k);
        double r = Math.sqrt(0.5);
        LocalMatrices.clear(p, dim);
        LocalMatrices.addIdentity(p, dim, r, 0);
        LocalMatrices.addPauli(p, dim, pauli, 0, sign * r);
        LocalMatrices.multiply(matrices[k], p, dim, m);
        return tail(k, m, o);
    }

    /** ⟨O⟩ of prefix, then the given matrix in place of gate k, then gates k+1… */
    private double tail(int k, double[] gateMatrix, PauliSum o) {
        evaluations++;
        work.copyFrom(prefix);
        cc.applyMatrix(k, gateMatrix, work);
        runFrom(k + 1, work);
        return Expectation.of(work, o);
    }

    private void runFrom(int start, StateVector s) {
        for (int k = start; k < cc.size(); k++) apply(k, s);
    }

    private void apply(int k, StateVector s) {
        if (cc.parametric[k]) cc.applyMatrix(k, matrices[k], s);
        else cc.applyFixed(k, s, false);
    }

    @Override
    public void close() {
        prefix.close();
        work.close();
        if (initial != null) initial.close();
    }
}
