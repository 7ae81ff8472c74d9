package org.qff.simulator.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.observable.PauliString;
import org.qff.simulator.observable.PauliSum;

/**
 * The pieces the fused backward pass relies on beyond the gradient tests of {@link BackwardPassTest}:
 * the one-sweep seed λ = c·Pψ for a lone Pauli term, and the anti-Hermitian generators that let a
 * one-qubit step form only four of the eight real sums of its outer products.
 */
class FusedBackwardPiecesTest {
    private static final char[] LETTERS = {'X', 'Y', 'Z'};

    static StateVector randomState(int n, Random r) {
        StateVector s = StateVector.zero(n);
        for (long i = 0; i < s.dimension(); i++) s.set(i, 2 * r.nextDouble() - 1, 2 * r.nextDouble() - 1);
        return s;
    }

    /** A Pauli string on a random subset of the qubits (at least one), random letters. */
    static PauliString randomString(int n, Random r) {
        int k = 1 + r.nextInt(n);
        int[] q = RandomCircuits.distinct(k, n, r);
        char[] p = new char[k];
        for (int i = 0; i < k; i++) p[i] = LETTERS[r.nextInt(3)];
        return new PauliString(1.0, q, p);
    }

    /**
     * λ = c·Pψ and ⟨ψ|P|ψ⟩ from the single sweep equal the kernels' P applied letter by letter (a copy,
     * then X, Y, Z one qubit at a time) and Re⟨ψ|Pψ⟩: every amplitude is the same product of ±1, ±i
     * and c with one amplitude of ψ (exact in both, hence 1e-15 absolute for |amplitudes| ≤ 1 and
     * |c| ≤ 2); the inner products sum 2^n terms of size ≤ 2 in different orders (1e-12).
     * Strings cover X and Y on the lane qubits (lane permutation) and above (partner vector), and every
     * count of Y (phases i^0 … i^3).
     */
    @Test
    void oneSweepSeedEqualsThePauliKernels() {
        Random r = new Random(31);
        GateKernels k = VectorKernels.singleThreaded();
        for (int n : new int[] {3, 4, 6, 9}) {
            for (int trial = 0; trial < 40; trial++) {
                PauliString p = randomString(n, r);
                double c = trial == 0 ? 0 : 4 * r.nextDouble() - 2;
                try (StateVector psi = randomState(n, r); StateVector lambda = StateVector.zero(n); StateVector ref = StateVector.zero(n)) {
                    double v = StateOps.pauliInto(p, psi, lambda, c);
                    ref.copyFrom(psi);
                    StateOps.applyPauli(k, p, ref);
                    assertEquals(StateOps.realInner(psi, ref), v, 1e-12, p + " on " + n + " qubits");
                    k.scale(ref, c);
                    assertArrayEquals(ref.toInterleaved(), lambda.toInterleaved(), 1e-15, p + " on " + n + " qubits, c = " + c);
                }
            }
        }
    }

    /**
     * A lone-term observable (the one-sweep seed) with X and Y on lane and high qubits: adjoint
     * gradient = fourth-order central differences of the reference simulator to 1e-9 (as in
     * {@link BackwardPassTest}), with blocks small enough that the backward pass has split segments.
     */
    @Test
    void loneTermGradientMatchesFiniteDifferences() {
        Random r = new Random(32);
        int n = 8;
        Circuit c = BackwardPassTest.circuit(n, r);
        Bindings b = RandomCircuits.randomBindings(c, r);
        for (String o : new String[] {"0.8*X0 Y2 Z5", "Y1 Y6", "-1.3*Y0 Y1 Y3 X7", "Z0 Z1"}) {
            PauliSum obs = PauliSum.parse(o);
            double[] g = BackwardPassTest.gradient(c, VectorKernels.singleThreaded(), 5, b, obs, null);
            int nt = c.trainableCount();
            for (int i = 0; i < nt; i++) assertEquals(BackwardPassTest.difference(c, b, obs, 0, i), g[i], 1e-9, o + ": ∂/∂" + c.trainableNames().get(i));
            for (int i = 0; i < c.inputCount(); i++) assertEquals(BackwardPassTest.difference(c, b, obs, 1, i), g[nt + i], 1e-9, o + ": ∂/∂" + c.inputNames().get(i));
            try (AdjointEvaluator ev = new AdjointEvaluator(c, ScalarKernels.INSTANCE)) {
                assertEquals(AdjointEvaluatorTest.reference(c, b, obs), ev.gradient(b, obs, new double[nt], null), 1e-12, o + ": value");
            }
        }
    }

    /**
     * G = ∂U·U† is anti-Hermitian for every one-qubit parameterised kind (U unitary for all
     * arguments): the one-qubit steps read only Im P00, Im P11, Re(P01 − P10), Im(P01 + P10) and
     * would be wrong for a Hermitian part. 1e-14: the closed forms are exact up to rounding of
     * entries of size ≤ 1.
     */
    @Test
    void oneQubitGeneratorsAreAntiHermitian() {
        Random r = new Random(33);
        double[] u = new double[8], ud = new double[8], d = new double[8], g = new double[8];
        for (GateKind kind : RandomCircuits.PARAMETERISED) {
            if (kind.qubits() != 1) continue;
            for (int trial = 0; trial < 20; trial++) {
                double[] args = new double[3];
                for (int a = 0; a < kind.args(); a++) args[a] = trial == 0 ? 0 : 6 * r.nextDouble() - 3; // trial 0: the SU2 Taylor branch at r = 0
                GateDerivatives.fill(kind, args, -1, -1, u);
                LocalMatrices.adjoint(u, 2, ud);
                for (int j = 0; j < kind.args(); j++) {
                    GateDerivatives.fill(kind, args, j, -1, d);
                    LocalMatrices.multiply(d, ud, 2, g);
                    for (int row = 0; row < 2; row++) {
                        for (int col = 0; col < 2; col++) {
                            int rc = 2 * (2 * row + col), cr = 2 * (2 * col + row);
                            assertEquals(0, g[rc] + g[cr], 1e-14, kind + " ∂" + j + " re (" + row + "," + col + ")");
                            assertEquals(0, g[rc + 1] - g[cr + 1], 1e-14, kind + " ∂" + j + " im (" + row + "," + col + ")");
                        }
                    }
                }
            }
        }
    }

    /**
     * Runs with nothing after them on their qubit (in pass order) skip their update of ψ and λ. The
     * circuit starts with per-gate two-qubit gates and a fixed diagonal, so some runs are followed
     * only by those: they must update (a wrong analysis breaks these gradients), while the runs on
     * the untouched qubits are the circuit's first gates there and skip it. Fourth-order central
     * differences, 1e-9 as in {@link BackwardPassTest}; whole-state pass and small blocks.
     */
    @Test
    void runsSkipTheUpdateOnlyWhenNothingFollowsOnTheirQubit() {
        Random r = new Random(34);
        int n = 7;
        CircuitBuilder cb = Circuit.builder(n);
        cb.cx(0, 1).heisenberg(2, 3, RandomCircuits.randomArg(r)).cry(1, 4, RandomCircuits.randomArg(r)).cz(5, 6);
        for (int l = 0; l < 2; l++) {
            for (int q = 0; q < n; q++) cb.ry(q, RandomCircuits.randomArg(r)).rz(q, RandomCircuits.randomArg(r)).h(q);
            for (int q = 0; q + 1 < n; q++) cb.cz(q, q + 1);
        }
        cb.rx(2, Expr.input("x1")).su2(6, RandomCircuits.randomArg(r), Expr.input("x0"), RandomCircuits.randomArg(r));
        Circuit c = cb.build();
        Bindings b = RandomCircuits.randomBindings(c, r);
        PauliSum obs = RandomCircuits.observable(n);
        for (int bq : new int[] {n, 4, 0}) {
            double[] g = BackwardPassTest.gradient(c, VectorKernels.singleThreaded(), bq, b, obs, null);
            int nt = c.trainableCount();
            for (int i = 0; i < nt; i++) assertEquals(BackwardPassTest.difference(c, b, obs, 0, i), g[i], 1e-9, "block 2^" + bq + ": ∂/∂" + c.trainableNames().get(i));
            for (int i = 0; i < c.inputCount(); i++) assertEquals(BackwardPassTest.difference(c, b, obs, 1, i), g[nt + i], 1e-9, "block 2^" + bq + ": ∂/∂" + c.inputNames().get(i));
        }
        try (AdjointEvaluator ev = new AdjointEvaluator(c, VectorKernels.singleThreaded())) {
            // first runs on qubits 0…6 all follow a per-gate gate or the CZ: only none of them skip
            assertEquals(0, ev.backwardPass().productOnlySteps());
        }
        // the hardware-efficient layers: the first run on every qubit skips its update
        CircuitBuilder he = Circuit.builder(n);
        for (int l = 0; l < 3; l++) {
            for (int q = 0; q < n; q++) he.ry(q, Expr.trainable("a" + l + "_" + q)).rz(q, Expr.trainable("b" + l + "_" + q));
            for (int q = 0; q + 1 < n; q++) he.cz(q, q + 1);
        }
        try (AdjointEvaluator ev = new AdjointEvaluator(he.build(), VectorKernels.singleThreaded())) {
            assertEquals(n, ev.backwardPass().productOnlySteps());
        }
    }
}
