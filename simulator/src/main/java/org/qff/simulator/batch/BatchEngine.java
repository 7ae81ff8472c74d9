package org.qff.simulator.batch;

import java.util.Arrays;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.gradient.ExprCalculus;
import org.qff.simulator.gradient.GateDerivatives;
import org.qff.simulator.observable.PauliSum;

/**
 * One chunk of a {@link BatchEvaluator}'s members, evaluated together: states stored member-minor
 * ({@link BatchState}) so every gate is one SIMD sweep across the chunk. Same mathematics as
 * {@link org.qff.simulator.gradient.AdjointEvaluator} (adjoint gradients, VJPs, forward-over-reverse
 * second order), same results to rounding. The chunk covers the caller's members
 * [off, off + size): results go to those rows of the caller's arrays, which
 * {@link BatchEvaluator} has checked. Nothing is allocated per evaluation.
 */
final class BatchEngine {
    private static final int MAT = 32;

    private final Circuit circuit;
    private final int size, width, nt, nx, n, off;
    private final Gate[] gates;
    private final int[][] qubits;
    private final boolean[] parametric;
    private final boolean[][] argHasSymbols;
    private final double[][] fixedForward, fixedInverse; // broadcast SoA matrices of fixed gates
    private final double[][] uMats;                       // per parametric gate: SoA matrices from the forward pass
    private final double[][] argVals, argDots;            // [gate][member·3 + arg]
    private final double[][] trainables, inputs;
    private final Bindings[] bindings;
    private final double[][] padGradT, padGradX, padHvpT, padHvpX;
    private final BatchState psi, lambda, psiDot, lambdaDot, tmp;
    private final double[] uDag, d, uDot, uDotDag, dDot, scratch = new double[MAT], scratch2 = new double[MAT];
    private final double[] outer, abDag;
    /** Per Heisenberg gate: per-member α, β of U = α·I + β·SWAP (null for other gates). */
    private final double[][] swapForm;
    private final double[] bar, barDot, me, tangentZeroT, tangentZeroX, valuesScratch;
    private double[] initial;

    /** Members [off, off + size) of the caller's batch. */
    BatchEngine(Circuit circuit, int size, int off) {
        this.off = off;
        this.circuit = circuit;
        this.size = size;
        this.width = (size + BatchKernels.LANES - 1) / BatchKernels.LANES * BatchKernels.LANES;
        this.n = circuit.qubits();
        this.nt = circuit.trainableCount();
        this.nx = circuit.inputCount();
        gates = circuit.gates().toArray(new Gate[0]);
        int k = gates.length;
        var inv = circuit.inverse().gates();
        qubits = new int[k][];
        parametric = new boolean[k];
        argHasSymbols = new boolean[k][];
        fixedForward = new double[k][];
        fixedInverse = new double[k][];
        uMats = new double[k][];
        argVals = new double[k][];
        argDots = new double[k][];
        swapForm = new double[k][];
        for (int g = 0; g < k; g++) {
            Gate gate = gates[g];
            qubits[g] = gate.qubits();
            parametric[g] = gate.kind().isParameterised();
            argHasSymbols[g] = new boolean[gate.args().length];
            for (int a = 0; a < gate.args().length; a++) {
                argHasSymbols[g][a] = ExprCalculus.hasSymbols(gate.args()[a]);
                if (argHasSymbols[g][a]) GateDerivatives.requireSupported(gate.kind(), "gate " + g + " (" + gate + ")");
            }
            int dim = 1 << gate.qubits().length;
            if (parametric[g]) {
                if (gate.qubits().length > 2) throw new IllegalArgumentException("parameterised gate " + g + " acts on more than 2 qubits");
                uMats[g] = new double[2 * dim * dim * width];
                if (gate.kind() == org.qff.simulator.circuit.GateKind.HEISENBERG) swapForm[g] = new double[4 * width];
                argVals[g] = new double[3 * width];
                argDots[g] = new double[3 * width];
            } else {
                fixedForward[g] = broadcast(gate.matrix(Bindings.NONE), width);
                fixedInverse[g] = broadcast(inv.get(k - 1 - g).matrix(Bindings.NONE), width);
            }
        }
        trainables = new double[width][nt];
        inputs = new double[width][nx];
        bindings = new Bindings[width];
        for (int b = 0; b < width; b++) bindings[b] = new Bindings(trainables[b], inputs[b]);
        int pad = width - size;
        padGradT = new double[pad][nt];
        padGradX = new double[pad][nx];
        padHvpT = new double[pad][nt];
        padHvpX = new double[pad][nx];
        psi = new BatchState(n, width);
        lambda = new BatchState(n, width);
        psiDot = new BatchState(n, width);
        lambdaDot = new BatchState(n, width);
        tmp = new BatchState(n, width);
        uDag = new double[MAT * width];
        d = new double[MAT * width];
        uDot = new double[MAT * width];
        uDotDag = new double[MAT * width];
        dDot = new double[MAT * width];
        outer = new double[8 * width];
        abDag = new double[4 * width];
        bar = new double[width];
        barDot = new double[width];
        me = new double[width];
        tangentZeroT = new double[nt];
        tangentZeroX = new double[nx];
        valuesScratch = new double[width];
    }

    private static double[] broadcast(double[] m, int width) {
        double[] s = new double[m.length * width];
        for (int e = 0; e < m.length; e++) Arrays.fill(s, e * width, (e + 1) * width, m[e]);
        return s;
    }

    /** The live trainable array of local member b. */
    double[] trainables(int b) { return trainables[b]; }

    /** The live input array of local member b. */
    double[] inputs(int b) { return inputs[b]; }

    /** Starts every member from this state (checked by the caller; null restores |0…0⟩). */
    void setInitialState(double[] interleaved) {
        initial = interleaved == null ? null : interleaved.clone();
    }

    /** values[off + b] = ⟨O⟩ of member b. */
    void values(PauliSum o, double[] values) {
        checkBindings();
        forward(false, null, null);
        tmp.zero();
        BatchKernels.addObservable(tmp, 1.0, o, psi);
        BatchKernels.realInner(psi, tmp, valuesScratch);
        System.arraycopy(valuesScratch, 0, values, off, size);
    }

    /** values[off + b] = Σ_m w_m⟨O_m⟩_b and its gradient per member (one forward, one backward pass). */
    void vjp(PauliSum[] os, double[] weights, double[] values, double[][] dTrainables, double[][] dInputs) {
        checkBindings();
        forward(false, null, null);
        seedLambda(os, weights, false);
        BatchKernels.realInner(psi, lambda, valuesScratch);
        System.arraycopy(valuesScratch, 0, values, off, size);
        clear(dTrainables, padGradT);
        clear(dInputs, padGradX);
        backward(false, null, null, dTrainables, dInputs, null, null);
    }

    /**
     * Per member b, for f_b = Σ_m w_m⟨O_m⟩_b and tangent t_b = (tTrainables[off + b], tInputs[off + b])
     * (either array null = zero): f_b, D_t f_b, ∇f_b and ∇(D_t f_b) = H_b·t_b into row off + b of out.
     */
    void secondOrder(PauliSum[] os, double[] weights, double[][] tTrainables, double[][] tInputs, BatchEvaluator.SecondOrder out) {
        checkBindings();
        forward(true, tTrainables, tInputs);
        seedLambda(os, weights, true);
        BatchKernels.realInner(psi, lambda, valuesScratch);
        System.arraycopy(valuesScratch, 0, out.value, off, size);
        BatchKernels.realInner(lambda, psiDot, valuesScratch);
        for (int b = 0; b < size; b++) out.directional[off + b] = 2 * valuesScratch[b];
        clear(out.gradTrainables, padGradT);
        clear(out.gradInputs, padGradX);
        clear(out.hvpTrainables, padHvpT);
        clear(out.hvpInputs, padHvpX);
        backward(true, tTrainables, tInputs, out.gradTrainables, out.gradInputs, out.hvpTrainables, out.hvpInputs);
    }

    // ---------------------------------------------------------------------------------------------

    private double[] tangentT(double[][] tT, int b) {
        return tT == null || b >= size ? tangentZeroT : tT[off + b];
    }

    private double[] tangentX(double[][] tX, int b) {
        return tX == null || b >= size ? tangentZeroX : tX[off + b];
    }

    private void forward(boolean tangent, double[][] tT, double[][] tX) {
        if (initial == null) psi.reset(); else psi.resetTo(initial);
        if (tangent) psiDot.zero();
        for (int g = 0; g < gates.length; g++) {
            if (!parametric[g]) {
                BatchKernels.apply(psi, qubits[g], fixedForward[g]);
                if (tangent) BatchKernels.apply(psiDot, qubits[g], fixedForward[g]);
                continue;
            }
            Expr[] e = gates[g].args();
            double[] av = argVals[g];
            int dim = 1 << qubits[g].length;
            double[] sf = swapForm[g];
            for (int b = 0; b < width; b++) {
                for (int a = 0; a < e.length; a++) scratch[a] = av[3 * b + a] = e[a].eval(bindings[b]);
                if (sf != null) swapCoefficients(scratch[0], 0, sf, b);
                if (sf == null || tangent) {
                    GateDerivatives.fill(gates[g].kind(), scratch, -1, -1, scratch2);
                    scatter(scratch2, dim, uMats[g], b);
                }
            }
            if (tangent) {
                tangentMatrices(g, tT, tX);
                tmp.copyFrom(psi);
                BatchKernels.apply(tmp, qubits[g], uDot);
                BatchKernels.apply(psiDot, qubits[g], uMats[g]);
                BatchKernels.axpy(psiDot, 1.0, tmp);
            }
            if (sf != null) BatchKernels.applySwapForm(psi, qubits[g][0], qubits[g][1], sf);
            else BatchKernels.apply(psi, qubits[g], uMats[g]);
        }
    }

    /** argDots[g] and uDot = Σ_a ȧ ∂_aU per member. */
    private void tangentMatrices(int g, double[][] tT, double[][] tX) {
        Expr[] e = gates[g].args();
        int dim = 1 << qubits[g].length;
        double[] av = argVals[g], ad = argDots[g];
        for (int b = 0; b < width; b++) {
            Arrays.fill(scratch2, 0);
            for (int a = 0; a < e.length; a++) {
                double dot = argHasSymbols[g][a] ? ExprCalculus.dot(e[a], bindings[b], tangentT(tT, b), tangentX(tX, b)) : 0;
                ad[3 * b + a] = dot;
                if (dot == 0) continue;
                GateDerivatives.fill(gates[g].kind(), args(av, b, e.length), a, -1, scratch);
                for (int i = 0; i < 2 * dim * dim; i++) scratch2[i] += dot * scratch[i];
            }
            scatter(scratch2, dim, uDot, b);
        }
    }

    private final double[] argBuf = new double[3];

    private double[] args(double[] av, int b, int count) {
        for (int a = 0; a < count; a++) argBuf[a] = av[3 * b + a];
        return argBuf;
    }

    private void scatter(double[] m, int dim, double[] soa, int b) {
        for (int i = 0; i < 2 * dim * dim; i++) soa[i * width + b] = m[i];
    }

    /** SoA conjugate transpose. */
    private void adjointSoA(double[] src, int dim, double[] dst) {
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                int from = 2 * (r * dim + c) * width, to = 2 * (c * dim + r) * width;
                System.arraycopy(src, from, dst, to, width);
                for (int b = 0; b < width; b++) dst[to + width + b] = -src[from + width + b];
            }
        }
    }

    private void seedLambda(PauliSum[] os, double[] w, boolean tangent) {
        lambda.zero();
        if (tangent) lambdaDot.zero();
        for (int m = 0; m < os.length; m++) {
            BatchKernels.addObservable(lambda, w[m], os[m], psi);
            if (tangent) BatchKernels.addObservable(lambdaDot, w[m], os[m], psiDot);
        }
    }

    private void backward(boolean tangent, double[][] tT, double[][] tX, double[][] gT, double[][] gX, double[][] hT, double[][] hX) {
        for (int g = gates.length - 1; g >= 0; g--) {
            int[] q = qubits[g];
            if (!parametric[g]) {
                BatchKernels.apply(psi, q, fixedInverse[g]);
                BatchKernels.apply(lambda, q, fixedInverse[g]);
                if (tangent) {
                    BatchKernels.apply(psiDot, q, fixedInverse[g]);
                    BatchKernels.apply(lambdaDot, q, fixedInverse[g]);
                }
                continue;
            }
            int dim = 1 << q.length;
            Expr[] e = gates[g].args();
            if (!tangent && swapForm[g] != null) {
                heisenbergStep(g, e, gT, gX);
                continue;
            }
            adjointSoA(uMats[g], dim, uDag);
            double[] av = argVals[g], ad = argDots[g];
            if (!tangent && q.length == 1) {
                // ψ ← U†ψ, all arguments' elements from the outer products of λ and the new ψ
                // (see BatchKernels.backward1), λ ← U†λ: one fused sweep
                Arrays.fill(outer, 0);
                BatchKernels.backward1(psi, lambda, q[0], uDag, outer);
                for (int b = 0; b < width; b++) {
                    boolean pad = b >= size;
                    double[] gt = pad ? padGradT[b - size] : gT == null ? null : gT[off + b];
                    double[] gx = pad ? padGradX[b - size] : gX == null ? null : gX[off + b];
                    for (int j = 0; j < e.length; j++) {
                        if (!argHasSymbols[g][j]) continue;
                        GateDerivatives.fill(gates[g].kind(), args(av, b, e.length), j, -1, scratch);
                        double el = 0;
                        for (int rc = 0; rc < 4; rc++) el += scratch[2 * rc] * outer[2 * rc * width + b] - scratch[2 * rc + 1] * outer[(2 * rc + 1) * width + b];
                        ExprCalculus.accumulate(e[j], bindings[b], 2 * el, gt, gx);
                    }
                }
                continue;
            }
            BatchKernels.apply(psi, q, uDag);
            if (tangent) {
                tangentMatrices(g, tT, tX);
                tmp.copyFrom(psi);
                BatchKernels.apply(tmp, q, uDot);
                BatchKernels.axpy(psiDot, -1.0, tmp);
                BatchKernels.apply(psiDot, q, uDag);
            }
            for (int j = 0; j < e.length; j++) {
                if (!argHasSymbols[g][j]) continue;
                for (int b = 0; b < width; b++) {
                    GateDerivatives.fill(gates[g].kind(), args(av, b, e.length), j, -1, scratch);
                    scatter(scratch, dim, d, b);
                }
                Arrays.fill(bar, 0);
                BatchKernels.matrixElementRe(lambda, q, d, psi, bar);
                if (tangent) {
                    Arrays.fill(barDot, 0);
                    BatchKernels.matrixElementRe(lambdaDot, q, d, psi, barDot);
                    BatchKernels.matrixElementRe(lambda, q, d, psiDot, barDot);
                    for (int b = 0; b < width; b++) {
                        Arrays.fill(scratch2, 0);
                        for (int l = 0; l < e.length; l++) {
                            double dot = ad[3 * b + l];
                            if (dot == 0) continue;
                            GateDerivatives.fill(gates[g].kind(), args(av, b, e.length), j, l, scratch);
                            for (int i = 0; i < 2 * dim * dim; i++) scratch2[i] += dot * scratch[i];
                        }
                        scatter(scratch2, dim, dDot, b);
                    }
                    BatchKernels.matrixElementRe(lambda, q, dDot, psi, barDot);
                }
                for (int b = 0; b < width; b++) {
                    boolean pad = b >= size;
                    double[] gt = pad ? padGradT[b - size] : gT == null ? null : gT[off + b];
                    double[] gx = pad ? padGradX[b - size] : gX == null ? null : gX[off + b];
                    if (!tangent) {
                        ExprCalculus.accumulate(e[j], bindings[b], 2 * bar[b], gt, gx);
                    } else {
                        double[] ht = pad ? padHvpT[b - size] : hT[off + b], hx = pad ? padHvpX[b - size] : hX[off + b];
                        ExprCalculus.accumulateDual(e[j], bindings[b], tangentT(tT, b), tangentX(tX, b), 2 * bar[b], 2 * barDot[b], gt, gx, ht, hx);
                    }
                }
            }
            if (tangent) {
                adjointSoA(uDot, dim, uDotDag);
                tmp.copyFrom(lambda);
                BatchKernels.apply(tmp, q, uDotDag);
                BatchKernels.apply(lambdaDot, q, uDag);
                BatchKernels.axpy(lambdaDot, 1.0, tmp);
            }
            BatchKernels.apply(lambda, q, uDag);
        }
    }

    /**
     * Writes α, β of ∂ⁿU = α·I + β·SWAP for U = exp(−iJ(XX+YY+ZZ)) = e^{−iJ}Π_triplet + e^{3iJ}Π_singlet,
     * Π = (I ± SWAP)/2: with t = (−i)ⁿe^{−iJ} and s = (3i)ⁿe^{3iJ}, α = (t+s)/2 and β = (t−s)/2.
     */
    private void swapCoefficients(double j, int order, double[] sf, int b) {
        double tph = -(j + order * Math.PI / 2), sph = 3 * j + order * Math.PI / 2, sm = order == 0 ? 1 : 3;
        double tr = Math.cos(tph), ti = Math.sin(tph), sr = sm * Math.cos(sph), si = sm * Math.sin(sph);
        sf[b] = (tr + sr) / 2;
        sf[width + b] = (ti + si) / 2;
        sf[2 * width + b] = (tr - sr) / 2;
        sf[3 * width + b] = (ti - si) / 2;
    }

    private final double[] derivForm = new double[4];

    /** First-order backward step of a Heisenberg gate, all in the α·I + β·SWAP form. */
    private void heisenbergStep(int g, Expr[] e, double[][] gT, double[][] gX) {
        int[] q = qubits[g];
        double[] sf = swapForm[g];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(sf, i * width, abDag, i * width, width);
            if ((i & 1) == 1) for (int b = 0; b < width; b++) abDag[i * width + b] = -abDag[i * width + b]; // U† = conj(α)·I + conj(β)·SWAP
        }
        Arrays.fill(outer, 0, 4 * width, 0);
        BatchKernels.backwardSwapForm(psi, lambda, q[0], q[1], abDag, outer); // ψ_(k−1), the sums, λ_(k−1): one sweep
        if (argHasSymbols[g][0]) {
            double[] av = argVals[g];
            for (int b = 0; b < width; b++) {
                boolean pad = b >= size;
                double[] gt = pad ? padGradT[b - size] : gT == null ? null : gT[off + b];
                double[] gx = pad ? padGradX[b - size] : gX == null ? null : gX[off + b];
                double j = av[3 * b];
                // ∂U: t = −i e^{−iJ}, s = 3i e^{3iJ}
                double tr = Math.sin(-j), ti = -Math.cos(-j), sr = -3 * Math.sin(3 * j), si = 3 * Math.cos(3 * j);
                double alr = (tr + sr) / 2, ali = (ti + si) / 2, ber = (tr - sr) / 2, bei = (ti - si) / 2;
                double el = alr * outer[b] - ali * outer[width + b] + ber * outer[2 * width + b] - bei * outer[3 * width + b];
                ExprCalculus.accumulate(e[0], bindings[b], 2 * el, gt, gx);
            }
        }
    }

    private void checkBindings() {
        for (int b = 0; b < size; b++) {
            for (int i = 0; i < nt; i++) {
                if (!Double.isFinite(trainables[b][i])) throw new IllegalArgumentException("member " + (off + b) + ": parameter " + circuit.trainableNames().get(i) + " = " + trainables[b][i] + " is not finite");
            }
            for (int i = 0; i < nx; i++) {
                if (!Double.isFinite(inputs[b][i])) throw new IllegalArgumentException("member " + (off + b) + ": input " + circuit.inputNames().get(i) + " = " + inputs[b][i] + " is not finite");
            }
        }
    }

    private void clear(double[][] a, double[][] pad) {
        if (a != null) for (int b = 0; b < size; b++) Arrays.fill(a[off + b], 0);
        for (double[] p : pad) Arrays.fill(p, 0);
    }
}
