package org.qff.simulator.gradient;

import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;

/**
 * Exact derivatives of circuit expectation values by adjoint differentiation: one forward pass,
 * then one backward pass that un-computes the state and carries ⟨λ| = ⟨ψ|O U_K…U_(k+1), reading
 * ∂⟨O⟩/∂a = 2 Re⟨λ_k|∂U_k/∂a|ψ_(k−1)⟩ for every gate argument on the way, and chaining it through
 * the argument's {@link Expr} into every trainable parameter and input (shared symbols add up).
 *
 * <h2>API (one evaluator per thread; it owns its scratch states, so repeated calls allocate nothing)</h2>
 * <pre>{@code
 * try (AdjointEvaluator ev = new AdjointEvaluator(circuit, kernels)) {   // or new AdjointEvaluator(circuit)
 *     double v = ev.value(bindings, obs);                                   // ⟨O⟩
 *     double v = ev.gradient(bindings, obs, dTrain, dInput);                // ⟨O⟩; fills ∂⟨O⟩/∂θ, ∂⟨O⟩/∂x (either may be null)
 *     ev.jacobian(bindings, new PauliSum[]{o1, o2}, values, dTrain[][], dInput[][]); // one row per observable
 *     double s = ev.vjp(bindings, obs[], weights, values, dTrain, dInput);  // Σ_m w_m⟨O_m⟩ and its gradient
 *     double d = ev.derivative(bindings, obs, "name");                       // one symbol by name
 *     SecondOrder r = ev.newSecondOrder();
 *     ev.secondOrder(bindings, obs[], weights, tTrain, tInput, r);          // tangent t over inputs (and trainables)
 *     // r.value = Σ w⟨O⟩, r.directional = D_t, r.gradTrainables/gradInputs = ∇,
 *     // r.hvpTrainables/hvpInputs = ∇(D_t) = H·t  (forward over reverse, exact)
 * }
 * }</pre>
 * Slots follow {@link Circuit#trainableNames()} and {@link Circuit#inputNames()}. The initial state
 * is |0…0⟩ unless {@link #setInitialState} gives another one (e.g. a product of singlets).
 * Many input sets of one small circuit: {@link org.qff.simulator.batch.BatchEvaluator} (same API,
 * batched, SIMD across members). Hardware-style gradients: {@link ParameterShift}. Derivations and
 * figures: {@code docs/gradients.md}.
 *
 * <p>Performance: the first-order forward pass runs through the {@code exec} executor with gates
 * fused into two-qubit blocks; the first-order backward pass un-computes runs of one-qubit gates on a qubit and
 * fixed diagonal gates in fused SIMD steps that read ψ and λ once, applied one cache block of both
 * states at a time ({@link BackwardPass}); other gates go through the {@link GateKernels} given.
 *
 * <h2>Second order</h2>
 * With a tangent t, the forward pass also carries ψ̇_k = U_k ψ̇_(k−1) + U̇_k ψ_(k−1) (U̇ = Σ_a ȧ ∂_aU,
 * ȧ = directional derivative of the argument expression). Then D_t⟨O⟩ = 2 Re⟨λ_K|ψ̇_K⟩ with λ_K = Oψ_K,
 * λ̇_K = Oψ̇_K. The backward pass un-computes ψ, ψ̇ = U†(ψ̇ − U̇ψ), λ, λ̇ = U†λ̇ + U̇†λ and reads, per
 * argument, ā = 2 Re⟨λ|∂_aU|ψ⟩ and its directional derivative
 * 2 Re(⟨λ̇|∂_aU|ψ⟩ + ⟨λ|∂_aU̇|ψ⟩ + ⟨λ|∂_aU|ψ̇⟩), chained through the expression with
 * {@link ExprCalculus#accumulateDual}. The result is ∇(D_t⟨O⟩) = H·t exactly.
 */
public final class AdjointEvaluator implements AutoCloseable {
    private static final int MAX_ARGS = 3;
    /** Fusion width of the first-order forward pass (two-qubit blocks halved the forward time at n = 16 and 20). */
    private static final int FUSION = 2;
    private static final int MAT = 32; // 4×4 complex: parameterised gates act on at most 2 qubits

    private final CompiledCircuit cc;
    private final BackwardPass pass;
    /** The first-order forward pass: the executor fusing gates into two-qubit blocks (same kernels). */
    private final org.qff.simulator.exec.CompiledCircuit fusedForward;
    private final StateVector psi, lambda, psiDot, lambdaDot, tmp, psiFinal;
    private StateVector initial;
    private final double[][] argVals, argDots;
    private final double[] u = new double[MAT], uDag = new double[MAT], d = new double[MAT];
    private final double[] uDot = new double[MAT], uDotDag = new double[MAT], dDot = new double[MAT];
    private final double[] valueScratch = new double[1];
    private final double[] weightOne = {1.0};
    private final PauliSum[] oneObservable = new PauliSum[1];
    private boolean closed;

    /** An evaluator on the scalar reference kernels. */
    public AdjointEvaluator(Circuit circuit) {
        this(circuit, ScalarKernels.INSTANCE);
    }

    public AdjointEvaluator(Circuit circuit, GateKernels kernels) {
        this(circuit, kernels, BackwardPass.DEFAULT_BLOCK_QUBITS);
    }

    /** As above, with the backward pass's cache blocks of 2^blockQubits amplitudes per state (≥ n: no blocking). */
    AdjointEvaluator(Circuit circuit, GateKernels kernels, int blockQubits) {
        this.cc = new CompiledCircuit(circuit, kernels);
        this.pass = new BackwardPass(cc, blockQubits);
        this.fusedForward = org.qff.simulator.exec.Simulator.using(kernels).withFusion(FUSION).compile(circuit);
        int n = circuit.qubits();
        psi = StateVector.zero(n);
        lambda = StateVector.zero(n);
        psiDot = StateVector.zero(n);
        lambdaDot = StateVector.zero(n);
        tmp = StateVector.zero(n);
        psiFinal = StateVector.zero(n);
        argVals = new double[cc.size()][MAX_ARGS];
        argDots = new double[cc.size()][MAX_ARGS];
    }

    public Circuit circuit() { return cc.circuit; }

    BackwardPass backwardPass() { return pass; }

    /** Starts every evaluation from a copy of this state instead of |0…0⟩ (null restores |0…0⟩). */
    public void setInitialState(StateVector state) {
        if (state == null) {
            if (initial != null) initial.close();
            initial = null;
            return;
        }
        if (state.qubits() != cc.qubits()) {
            throw new IllegalArgumentException("initial state has " + state.qubits() + " qubits, circuit has " + cc.qubits());
        }
        if (initial == null) initial = StateVector.zero(cc.qubits());
        initial.copyFrom(state);
    }

    /** ⟨O⟩ after the circuit. */
    public double value(Bindings b, PauliSum o) {
        checkOpen();
        cc.checkBindings(b);
        cc.checkObservable(o, -1);
        forward(b, false, null, null);
        return Expectation.of(psi, o);
    }

    /** The final state after the circuit, copied into {@code out} (for inspection and tests). */
    public void state(Bindings b, StateVector out) {
        checkOpen();
        cc.checkBindings(b);
        forward(b, false, null, null);
        out.copyFrom(psi);
    }

    /** ⟨O⟩, with ∂⟨O⟩/∂θ into dTrainables and ∂⟨O⟩/∂x into dInputs (overwritten; null skips). */
    public double gradient(Bindings b, PauliSum o, double[] dTrainables, double[] dInputs) {
        oneObservable[0] = o;
        double v = vjp(b, oneObservable, weightOne, valueScratch, dTrainables, dInputs);
        oneObservable[0] = null;
        return v;
    }

    /** ∂⟨O⟩/∂(the trainable or input called name). */
    public double derivative(Bindings b, PauliSum o, String name) {
        int[] slot = cc.slotOf(name);
        double[] dt = new double[cc.circuit.trainableCount()], dx = new double[cc.circuit.inputCount()];
        gradient(b, o, dt, dx);
        return slot[0] == 0 ? dt[slot[1]] : dx[slot[1]];
    }

    /**
     * The Jacobian of several observables: values[m] = ⟨O_m⟩, dTrainables[m][i] = ∂⟨O_m⟩/∂θ_i,
     * dInputs[m][j] = ∂⟨O_m⟩/∂x_j. One forward pass, one backward pass per observable.
     */
    public void jacobian(Bindings b, PauliSum[] observables, double[] values, double[][] dTrainables, double[][] dInputs) {
        checkOpen();
        cc.checkBindings(b);
        int m = observables.length;
        CompiledCircuit.checkLength(values, m, "values");
        if (dTrainables != null && dTrainables.length != m) throw new IllegalArgumentException("dTrainables has " + dTrainables.length + " rows, expected " + m);
        if (dInputs != null && dInputs.length != m) throw new IllegalArgumentException("dInputs has " + dInputs.length + " rows, expected " + m);
        for (int i = 0; i < m; i++) cc.checkObservable(observables[i], i);
        forward(b, false, null, null);
        psiFinal.copyFrom(psi);
        for (int i = 0; i < m; i++) {
            if (i > 0) psi.copyFrom(psiFinal);
            double[] gt = dTrainables == null ? null : dTrainables[i], gx = dInputs == null ? null : dInputs[i];
            prepareGradients(gt, gx);
            oneObservable[0] = observables[i];
            double v = seedLambda(oneObservable, weightOne, null, false);
            oneObservable[0] = null;
            if (values != null) values[i] = v;
            backward(b, false, null, null, gt, gx, null, null);
        }
    }

    /**
     * Vector–Jacobian product: returns Σ_m w_m⟨O_m⟩ and writes its gradient (= wᵀJ) into
     * dTrainables and dInputs (overwritten; null skips); values[m] = ⟨O_m⟩ if values is non-null.
     * One forward and one backward pass whatever the number of observables.
     */
    public double vjp(Bindings b, PauliSum[] observables, double[] weights, double[] values, double[] dTrainables, double[] dInputs) {
        checkOpen();
        cc.checkBindings(b);
        checkWeighted(observables, weights, values);
        prepareGradients(dTrainables, dInputs);
        forward(b, false, null, null);
        double total = seedLambda(observables, weights, values, false);
        backward(b, false, null, null, dTrainables, dInputs, null, null);
        return total;
    }

    /** Reusable output of {@link #secondOrder}, sized for this circuit. */
    public SecondOrder newSecondOrder() {
        return new SecondOrder(cc.circuit.trainableCount(), cc.circuit.inputCount());
    }

    /**
     * For f = Σ_m w_m⟨O_m⟩ and a tangent t = (tTrainables, tInputs) (either may be null = zero):
     * f, D_t f = ∇f·t, ∇f and ∇(D_t f) = H·t over every trainable and input, into {@code out}.
     */
    public void secondOrder(Bindings b, PauliSum[] observables, double[] weights, double[] tTrainables, double[] tInputs, SecondOrder out) {
        checkOpen();
        cc.checkBindings(b);
        checkWeighted(observables, weights, null);
        CompiledCircuit.checkLength(tTrainables, cc.circuit.trainableCount(), "tangent over trainables");
        CompiledCircuit.checkLength(tInputs, cc.circuit.inputCount(), "tangent over inputs");
        checkFinite(tTrainables, "tangent over trainables");
        checkFinite(tInputs, "tangent over inputs");
        if (out == null || out.gradTrainables.length != cc.circuit.trainableCount() || out.gradInputs.length != cc.circuit.inputCount()) {
            throw new IllegalArgumentException("result holder is missing or sized for another circuit: use newSecondOrder()");
        }
        prepareGradients(out.gradTrainables, out.gradInputs);
        prepareGradients(out.hvpTrainables, out.hvpInputs);
        forward(b, true, tTrainables, tInputs);
        out.value = seedLambda(observables, weights, null, true);
        out.directional = 2 * StateOps.realInner(lambda, psiDot);
        backward(b, true, tTrainables, tInputs, out.gradTrainables, out.gradInputs, out.hvpTrainables, out.hvpInputs);
    }

    /** Convenience for one observable. */
    public void secondOrder(Bindings b, PauliSum observable, double[] tTrainables, double[] tInputs, SecondOrder out) {
        oneObservable[0] = observable;
        try {
            secondOrder(b, oneObservable, weightOne, tTrainables, tInputs, out);
        } finally {
            oneObservable[0] = null;
        }
    }

    // ---------------------------------------------------------------------------------------------

    private void forward(Bindings b, boolean tangent, double[] tT, double[] tX) {
        if (initial == null) psi.reset(); else psi.copyFrom(initial);
        if (!tangent) {
            // ψ_K through the fusing executor; the backward pass needs only the argument values
            fusedForward.run(b, psi);
            for (int k = 0; k < cc.size(); k++) if (cc.parametric[k]) cc.argValues(k, b, argVals[k]);
            return;
        }
        StateOps.zero(psiDot);
        for (int k = 0; k < cc.size(); k++) {
            if (!cc.parametric[k]) {
                cc.applyFixed(k, psi, false);
                if (tangent) cc.applyFixed(k, psiDot, false);
                continue;
            }
            double[] a = argVals[k];
            cc.argValues(k, b, a);
            var kind = cc.gates[k].kind();
            GateDerivatives.fill(kind, a, -1, -1, u);
            if (tangent) {
                boolean moving = tangentMatrix(k, b, tT, tX);
                if (moving) {
                    tmp.copyFrom(psi);
                    cc.applyMatrix(k, uDot, tmp);
                }
                cc.applyParametric(k, u, a, false, psiDot);
                if (moving) StateOps.axpy(psiDot, 1.0, tmp);
            }
            cc.applyParametric(k, u, a, false, psi);
        }
    }

    /** Fills argDots[k] and uDot = Σ ȧ ∂_aU; false if the gate does not move along t. */
    private boolean tangentMatrix(int k, Bindings b, double[] tT, double[] tX) {
        Expr[] e = cc.gates[k].args();
        boolean moving = false;
        int dim = cc.dim(k);
        LocalMatrices.clear(uDot, dim);
        for (int a = 0; a < e.length; a++) {
            double ad = cc.argHasSymbols[k][a] ? ExprCalculus.dot(e[a], b, tT, tX) : 0;
            argDots[k][a] = ad;
            if (ad != 0) {
                moving = true;
                GateDerivatives.fill(cc.gates[k].kind(), argVals[k], a, -1, d);
                LocalMatrices.axpy(uDot, ad, d, dim);
            }
        }
        return moving;
    }

    /**
     * λ = Σ w_m O_m ψ (and λ̇ likewise from ψ̇); values[m] = ⟨O_m⟩ if non-null; returns Σ w_m⟨O_m⟩.
     * Each Pauli term is a copy of ψ, its letters applied by the kernels, and an axpy; a lone term
     * is built in λ directly in one sweep ({@link StateOps#pauliInto}).
     */
    private double seedLambda(PauliSum[] os, double[] w, double[] values, boolean tangent) {
        boolean lone = os.length == 1 && os[0].terms().size() == 1;
        double total = 0;
        if (lone && psi.dimension() >= VectorKernels.lanes()) {
            // one sweep: λ = w·c·Pψ and ⟨P⟩ together
            var p = os[0].terms().get(0);
            double v = p.coefficient() * StateOps.pauliInto(p, psi, lambda, w[0] * p.coefficient());
            if (values != null) values[0] = v;
            total = w[0] * v;
        } else if (lone) {
            var p = os[0].terms().get(0);
            lambda.copyFrom(psi);
            StateOps.applyPauli(cc.kernels, p, lambda);
            double v = p.coefficient() * StateOps.realInner(psi, lambda);
            cc.kernels.scale(lambda, w[0] * p.coefficient());
            if (values != null) values[0] = v;
            total = w[0] * v;
        } else {
            StateOps.zero(lambda);
            for (int m = 0; m < os.length; m++) {
                double v = 0;
                var terms = os[m].terms();
                for (int t = 0; t < terms.size(); t++) {
                    var p = terms.get(t);
                    tmp.copyFrom(psi);
                    StateOps.applyPauli(cc.kernels, p, tmp);
                    v += p.coefficient() * StateOps.realInner(psi, tmp);
                    StateOps.axpy(lambda, w[m] * p.coefficient(), tmp);
                }
                if (values != null) values[m] = v;
                total += w[m] * v;
            }
        }
        if (tangent) {
            StateOps.zero(lambdaDot);
            for (int m = 0; m < os.length; m++) {
                var terms = os[m].terms();
                for (int t = 0; t < terms.size(); t++) {
                    var p = terms.get(t);
                    tmp.copyFrom(psiDot);
                    StateOps.applyPauli(cc.kernels, p, tmp);
                    StateOps.axpy(lambdaDot, w[m] * p.coefficient(), tmp);
                }
            }
        }
        return total;
    }

    private void backward(Bindings b, boolean tangent, double[] tT, double[] tX,
                          double[] gT, double[] gX, double[] hT, double[] hX) {
        if (!tangent) {
            for (int i = 0; i < pass.actions(); i++) {
                int a = pass.action(i);
                if (a < 0) pass.run(a, psi, lambda, argVals, b, gT, gX);
                else backwardGate(a, b, false, tT, tX, gT, gX, hT, hX);
            }
            return;
        }
        for (int k = cc.size() - 1; k >= 0; k--) backwardGate(k, b, true, tT, tX, gT, gX, hT, hX);
    }

    /** The backward step of gate k alone (ψ, λ and with a tangent ψ̇, λ̇ from after it to before it). */
    private void backwardGate(int k, Bindings b, boolean tangent, double[] tT, double[] tX,
                              double[] gT, double[] gX, double[] hT, double[] hX) {
        {
            if (!cc.parametric[k]) {
                cc.applyFixed(k, psi, true);
                cc.applyFixed(k, lambda, true);
                if (tangent) {
                    cc.applyFixed(k, psiDot, true);
                    cc.applyFixed(k, lambdaDot, true);
                }
                return;
            }
            var kind = cc.gates[k].kind();
            int dim = cc.dim(k);
            int[] q = cc.gates[k].qubits();
            double[] a = argVals[k];
            GateDerivatives.fill(kind, a, -1, -1, u);
            LocalMatrices.adjoint(u, dim, uDag);
            cc.applyParametric(k, uDag, a, true, psi); // ψ_(k−1)
            boolean moving = false;
            if (tangent) {
                moving = tangentMatrix(k, b, tT, tX);
                if (moving) {
                    tmp.copyFrom(psi);
                    cc.applyMatrix(k, uDot, tmp);
                    StateOps.axpy(psiDot, -1.0, tmp);
                }
                cc.applyParametric(k, uDag, a, true, psiDot); // ψ̇_(k−1)
            }
            if (cc.differentiable[k]) {
                Expr[] e = cc.gates[k].args();
                for (int j = 0; j < e.length; j++) {
                    if (!cc.argHasSymbols[k][j]) continue;
                    GateDerivatives.fill(kind, a, j, -1, d);
                    double bar = 2 * StateOps.matrixElementRe(lambda, q, d, psi);
                    if (!tangent) {
                        ExprCalculus.accumulate(e[j], b, bar, gT, gX);
                        continue;
                    }
                    double barDot = 2 * (StateOps.matrixElementRe(lambdaDot, q, d, psi) + StateOps.matrixElementRe(lambda, q, d, psiDot));
                    if (moving) {
                        LocalMatrices.clear(dDot, dim);
                        for (int l = 0; l < e.length; l++) {
                            if (argDots[k][l] == 0) continue;
                            GateDerivatives.fill(kind, a, j, l, uDotDag); // borrow as scratch: ∂_j∂_l U
                            LocalMatrices.axpy(dDot, argDots[k][l], uDotDag, dim);
                        }
                        barDot += 2 * StateOps.matrixElementRe(lambda, q, dDot, psi);
                    }
                    ExprCalculus.accumulateDual(e[j], b, tT, tX, bar, barDot, gT, gX, hT, hX);
                }
            }
            if (tangent) {
                if (moving) {
                    LocalMatrices.adjoint(uDot, dim, uDotDag);
                    tmp.copyFrom(lambda);
                    cc.applyMatrix(k, uDotDag, tmp);
                }
                cc.applyParametric(k, uDag, a, true, lambdaDot);
                if (moving) StateOps.axpy(lambdaDot, 1.0, tmp);
            }
            cc.applyParametric(k, uDag, a, true, lambda);
        }
    }

    private void prepareGradients(double[] gT, double[] gX) {
        CompiledCircuit.checkLength(gT, cc.circuit.trainableCount(), "trainable gradient array");
        CompiledCircuit.checkLength(gX, cc.circuit.inputCount(), "input gradient array");
        if (gT != null) java.util.Arrays.fill(gT, 0);
        if (gX != null) java.util.Arrays.fill(gX, 0);
    }

    private void checkWeighted(PauliSum[] os, double[] w, double[] values) {
        if (os == null || w == null) throw new IllegalArgumentException("observables and weights are required");
        if (os.length == 0) throw new IllegalArgumentException("no observables given");
        if (w.length != os.length) throw new IllegalArgumentException(os.length + " observables but " + w.length + " weights");
        CompiledCircuit.checkLength(values, os.length, "values");
        for (int m = 0; m < os.length; m++) {
            cc.checkObservable(os[m], m);
            if (!Double.isFinite(w[m])) throw new IllegalArgumentException("weight " + m + " = " + w[m] + " is not finite");
        }
    }

    private static void checkFinite(double[] a, String what) {
        if (a == null) return;
        for (int i = 0; i < a.length; i++) if (!Double.isFinite(a[i])) throw new IllegalArgumentException(what + "[" + i + "] = " + a[i] + " is not finite");
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("evaluator is closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        psi.close();
        lambda.close();
        psiDot.close();
        lambdaDot.close();
        tmp.close();
        psiFinal.close();
        if (initial != null) initial.close();
    }

    /** Output of {@link #secondOrder}: reuse one per thread. */
    public static final class SecondOrder {
        public double value;
        public double directional;
        public final double[] gradTrainables, gradInputs, hvpTrainables, hvpInputs;

        SecondOrder(int trainables, int inputs) {
            gradTrainables = new double[trainables];
            gradInputs = new double[inputs];
            hvpTrainables = new double[trainables];
            hvpInputs = new double[inputs];
        }
    }
}
