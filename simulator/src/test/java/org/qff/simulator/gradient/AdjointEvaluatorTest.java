package org.qff.simulator.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitRunner;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;

class AdjointEvaluatorTest {
    private static final double H = 1e-5;

    /** Independent reference: the circuit layer's plain runner and expectation. */
    static double reference(Circuit c, Bindings b, PauliSum o) {
        try (StateVector s = StateVector.zero(c.qubits())) {
            new CircuitRunner(ScalarKernels.INSTANCE).run(c, b, s);
            return Expectation.of(s, o);
        }
    }

    /** Central difference of the reference value in one slot (kind 0 trainable, 1 input). */
    static double centralDifference(Circuit c, Bindings b, PauliSum o, int kind, int i) {
        double[] arr = kind == 0 ? b.trainables() : b.inputs();
        double keep = arr[i];
        arr[i] = keep + H;
        double p = reference(c, b, o);
        arr[i] = keep - H;
        double m = reference(c, b, o);
        arr[i] = keep;
        return (p - m) / (2 * H);
    }

    /**
     * Adjoint = central finite difference to 1e-9 absolute, for every gate kind with shared symbols.
     * FD error: truncation h²/6·|f'''| ≲ 2e-11 (|f'''| is bounded by ~ (Σ|coef|)·(gates)³), rounding ~1e-16/h = 1e-11.
     */
    @Test
    void adjointGradientMatchesFiniteDifferencesForEveryKind() {
        Random r = new Random(11);
        for (GateKind kind : RandomCircuits.PARAMETERISED) {
            Circuit c = RandomCircuits.withKind(kind, 3, 4, r);
            PauliSum o = RandomCircuits.observable(3);
            Bindings b = RandomCircuits.randomBindings(c, r);
            try (AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
                double[] gt = new double[c.trainableCount()], gx = new double[c.inputCount()];
                double v = ev.gradient(b, o, gt, gx);
                assertEquals(reference(c, b, o), v, 1e-12, kind + " value");
                for (int i = 0; i < gt.length; i++) assertEquals(centralDifference(c, b, o, 0, i), gt[i], 1e-9, kind + " ∂/∂" + c.trainableNames().get(i));
                for (int i = 0; i < gx.length; i++) assertEquals(centralDifference(c, b, o, 1, i), gx[i], 1e-9, kind + " ∂/∂" + c.inputNames().get(i));
                // by name, and repeated calls give the same numbers (scratch state is reset)
                assertEquals(gt[0], ev.derivative(b, o, c.trainableNames().get(0)), 1e-14);
                assertEquals(gx[1], ev.derivative(b, o, c.inputNames().get(1)), 1e-14);
            }
        }
    }

    /**
     * Seven qubits: the fused SIMD backward step runs both its paths (targets below log2(lanes) pair
     * amplitudes inside a vector, higher ones across vectors); it must match FD and the unfused path
     * that second-order evaluation takes.
     */
    @Test
    void fusedBackwardStepMatchesFiniteDifferencesOnEveryTarget() {
        Random r = new Random(16);
        for (GateKind kind : new GateKind[] {GateKind.RX, GateKind.RY, GateKind.RZ, GateKind.PHASE, GateKind.U3, GateKind.SU2, GateKind.U2}) {
            int n = 7;
            var cb = Circuit.builder(n);
            for (int q = 0; q < n; q++) {
                Expr[] args = new Expr[kind.args()];
                for (int a = 0; a < args.length; a++) args[a] = RandomCircuits.randomArg(r);
                // runs of three one-qubit gates on a qubit, one with a constant argument
                cb.h(q).gate(kind, new int[] {q}, args).ry(q, Expr.trainable("t" + (q % 3))).rz(q, q % 2 == 0 ? Expr.input("x0").times(0.5) : Expr.constant(0.3));
                if (q > 0) cb.cz(q - 1, q);
            }
            cb.rz(0, Expr.input("x0")).rx(1, Expr.input("x1"));
            Circuit c = cb.build();
            PauliSum o = RandomCircuits.observable(n);
            Bindings b = RandomCircuits.randomBindings(c, r);
            try (AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
                double[] gt = new double[c.trainableCount()], gx = new double[c.inputCount()];
                ev.gradient(b, o, gt, gx);
                AdjointEvaluator.SecondOrder so = ev.newSecondOrder();
                ev.secondOrder(b, o, randomVector(gt.length, r), null, so);
                for (int i = 0; i < gt.length; i++) {
                    assertEquals(centralDifference(c, b, o, 0, i), gt[i], 1e-9, kind + " ∂/∂" + c.trainableNames().get(i));
                    assertEquals(so.gradTrainables[i], gt[i], 1e-13);
                }
                for (int i = 0; i < gx.length; i++) assertEquals(centralDifference(c, b, o, 1, i), gx[i], 1e-9, kind + " ∂/∂" + c.inputNames().get(i));
            }
        }
    }

    /** Every argument-free kind (and its inverse) in the forward and backward passes, through the strict kernels. */
    @Test
    void everyFixedGateKindIsUnComputedExactly() {
        double r = Math.sqrt(0.5);
        double[] u = {r, 0, 0, r, 0, r, r, 0}; // (I + iX)/√2
        Circuit c = Circuit.builder(3).h(0).x(1).y(2).z(0).s(1).sdg(2).t(0).tdg(1).sx(2)
                .ry(0, Expr.trainable("a")).rx(1, Expr.input("x").times(Expr.trainable("a")))
                .cx(0, 1).gate(GateKind.CY, new int[] {1, 2}).cz(2, 0).gate(GateKind.CH, new int[] {0, 2}).swap(1, 2)
                .rz(2, Expr.trainable("b")).ccx(0, 1, 2).cswap(2, 0, 1).unitary(u, 1).gate(GateKind.I, new int[] {0})
                .crx(2, 1, Expr.trainable("b").plus(Expr.input("x"))).build();
        PauliSum o = RandomCircuits.observable(3);
        Bindings b = new Bindings(new double[] {0.4, -0.9}, new double[] {0.7});
        try (AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
            double[] gt = new double[2], gx = new double[1];
            assertEquals(reference(c, b, o), ev.gradient(b, o, gt, gx), 1e-13);
            for (int i = 0; i < 2; i++) assertEquals(centralDifference(c, b, o, 0, i), gt[i], 1e-9);
            assertEquals(centralDifference(c, b, o, 1, 0), gx[0], 1e-9);
        }
    }

    @Test
    void jacobianAndVjpAgreeWithSingleGradients() {
        Random r = new Random(12);
        Circuit c = RandomCircuits.withKind(GateKind.SU2, 4, 6, r);
        PauliSum[] os = {RandomCircuits.observable(4), PauliSum.parse("Z0 Z1 + X2"), PauliSum.parse("0.5*Y3")};
        double[] w = {0.3, -1.2, 2.0};
        Bindings b = RandomCircuits.randomBindings(c, r);
        try (AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
            int nt = c.trainableCount(), nx = c.inputCount();
            double[] values = new double[3];
            double[][] jt = new double[3][nt], jx = new double[3][nx];
            ev.jacobian(b, os, values, jt, jx);
            double[] vt = new double[nt], vx = new double[nx], vvals = new double[3];
            double total = ev.vjp(b, os, w, vvals, vt, vx);
            double expectTotal = 0;
            double[] et = new double[nt], ex = new double[nx];
            for (int m = 0; m < 3; m++) {
                double[] gt = new double[nt], gx = new double[nx];
                double v = ev.gradient(b, os[m], gt, gx);
                assertEquals(v, values[m], 1e-13);
                assertEquals(v, vvals[m], 1e-13);
                expectTotal += w[m] * v;
                for (int i = 0; i < nt; i++) { assertEquals(gt[i], jt[m][i], 1e-13); et[i] += w[m] * gt[i]; }
                for (int i = 0; i < nx; i++) { assertEquals(gx[i], jx[m][i], 1e-13); ex[i] += w[m] * gx[i]; }
            }
            assertEquals(expectTotal, total, 1e-13);
            for (int i = 0; i < nt; i++) assertEquals(et[i], vt[i], 1e-13);
            for (int i = 0; i < nx; i++) assertEquals(ex[i], vx[i], 1e-13);
        }
    }

    /**
     * H·t against central differences of the adjoint gradient along t (relative 1e-6 of the largest
     * entry: FD truncation ~h²·|f''''| ≈ 1e-10 at h = 1e-5), and D_t f against ∇f·t.
     */
    @Test
    void hessianVectorProductsMatchFiniteDifferencesOfGradientsForEveryKind() {
        Random r = new Random(13);
        for (GateKind kind : RandomCircuits.PARAMETERISED) {
            Circuit c = RandomCircuits.withKind(kind, 3, 4, r);
            PauliSum o = RandomCircuits.observable(3);
            Bindings b = RandomCircuits.randomBindings(c, r);
            int nt = c.trainableCount(), nx = c.inputCount();
            double[] tt = randomVector(nt, r), tx = randomVector(nx, r);
            try (AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
                AdjointEvaluator.SecondOrder so = ev.newSecondOrder();
                ev.secondOrder(b, o, tt, tx, so);
                double[] gt = new double[nt], gx = new double[nx];
                double v = ev.gradient(b, o, gt, gx);
                assertEquals(v, so.value, 1e-13);
                assertEquals(dotp(gt, tt) + dotp(gx, tx), so.directional, 1e-12, kind + " D_t");
                for (int i = 0; i < nt; i++) assertEquals(gt[i], so.gradTrainables[i], 1e-13);
                for (int i = 0; i < nx; i++) assertEquals(gx[i], so.gradInputs[i], 1e-13);
                double[][] fd = gradientDifference(ev, c, b, o, tt, tx);
                double scale = Math.max(1e-3, Math.max(maxAbs(fd[0]), maxAbs(fd[1])));
                for (int i = 0; i < nt; i++) assertEquals(fd[0][i], so.hvpTrainables[i], 1e-6 * scale, kind + " (Ht)_" + c.trainableNames().get(i));
                for (int i = 0; i < nx; i++) assertEquals(fd[1][i], so.hvpInputs[i], 1e-6 * scale, kind + " (Ht)_" + c.inputNames().get(i));
            }
        }
    }

    /** s·(H t) = t·(H s): the Hessian is symmetric, so two HVPs must agree when contracted crosswise. */
    @Test
    void hessianVectorProductsAreSymmetric() {
        Random r = new Random(14);
        for (GateKind kind : new GateKind[] {GateKind.SU2, GateKind.HEISENBERG, GateKind.CU3, GateKind.RYY}) {
            Circuit c = RandomCircuits.withKind(kind, 4, 5, r);
            PauliSum o = RandomCircuits.observable(4);
            Bindings b = RandomCircuits.randomBindings(c, r);
            int nt = c.trainableCount(), nx = c.inputCount();
            double[] tt = randomVector(nt, r), tx = randomVector(nx, r), st = randomVector(nt, r), sx = randomVector(nx, r);
            try (AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
                AdjointEvaluator.SecondOrder a = ev.newSecondOrder(), z = ev.newSecondOrder();
                ev.secondOrder(b, o, tt, tx, a);
                ev.secondOrder(b, o, st, sx, z);
                double left = dotp(st, a.hvpTrainables) + dotp(sx, a.hvpInputs);
                double right = dotp(tt, z.hvpTrainables) + dotp(tx, z.hvpInputs);
                assertEquals(left, right, 1e-12 * Math.max(1, Math.abs(left)), kind.toString());
            }
        }
    }

    @Test
    void tangentOverInputsOnlyGivesMixedSecondDerivatives() {
        Random r = new Random(15);
        Circuit c = RandomCircuits.withKind(GateKind.SU2, 3, 5, r);
        PauliSum o = RandomCircuits.observable(3);
        Bindings b = RandomCircuits.randomBindings(c, r);
        double[] tx = randomVector(c.inputCount(), r);
        try (AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
            AdjointEvaluator.SecondOrder so = ev.newSecondOrder();
            ev.secondOrder(b, o, null, tx, so);
            double[][] fd = gradientDifference(ev, c, b, o, new double[c.trainableCount()], tx);
            double scale = Math.max(1e-3, maxAbs(fd[0]));
            for (int i = 0; i < c.trainableCount(); i++) assertEquals(fd[0][i], so.hvpTrainables[i], 1e-6 * scale);
        }
    }

    @Test
    void initialStateIsUsed() {
        // singlet (|01⟩−|10⟩)/√2 is invariant under global SU2 and has ⟨Z0 Z1⟩ = −1 whatever the rotation
        Circuit c = Circuit.builder(2).su2(0, Expr.input("a"), Expr.input("b"), Expr.trainable("w"))
                .su2(1, Expr.input("a"), Expr.input("b"), Expr.trainable("w")).build();
        try (AdjointEvaluator ev = new AdjointEvaluator(c); StateVector singlet = StateVector.zero(2)) {
            double rr = Math.sqrt(0.5);
            singlet.set(0, 0, 0);
            singlet.set(1, rr, 0);
            singlet.set(2, -rr, 0);
            ev.setInitialState(singlet);
            Bindings b = new Bindings(new double[] {0.7}, new double[] {0.3, -1.1});
            double[] gt = new double[1], gx = new double[2];
            assertEquals(-1.0, ev.gradient(b, PauliSum.parse("Z0 Z1"), gt, gx), 1e-14);
            assertEquals(0.0, gt[0], 1e-14);
            assertEquals(0.0, gx[0], 1e-14);
        }
    }

    @Test
    void badInputIsRejectedByName() {
        Circuit c = Circuit.builder(2).ry(0, Expr.trainable("theta")).cx(0, 1).rz(1, Expr.input("x")).build();
        Bindings b = new Bindings(new double[] {0.1}, new double[] {0.2});
        try (AdjointEvaluator ev = new AdjointEvaluator(c, StrictKernels.INSTANCE)) {
            var e1 = assertThrows(IllegalArgumentException.class, () -> ev.derivative(b, PauliSum.parse("Z0"), "phi"));
            assertTrue(e1.getMessage().contains("\"phi\""), e1.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> ev.gradient(b, PauliSum.parse("Z0 X2"), null, null));
            assertTrue(e2.getMessage().contains("qubit 2"), e2.getMessage());
            var e3 = assertThrows(IllegalArgumentException.class, () -> ev.gradient(b, PauliSum.parse("Z0"), new double[3], null));
            assertTrue(e3.getMessage().contains("length 3"), e3.getMessage());
            var e4 = assertThrows(IllegalArgumentException.class, () -> ev.gradient(new Bindings(new double[] {Double.NaN}, new double[] {0}), PauliSum.parse("Z0"), null, null));
            assertTrue(e4.getMessage().contains("theta"), e4.getMessage());
        }
    }

    static double[][] gradientDifference(AdjointEvaluator ev, Circuit c, Bindings b, PauliSum o, double[] tt, double[] tx) {
        int nt = c.trainableCount(), nx = c.inputCount();
        double[] t0 = b.trainables().clone(), x0 = b.inputs().clone();
        double[][] plus = {new double[nt], new double[nx]}, minus = {new double[nt], new double[nx]};
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            double[] t = t0.clone(), x = x0.clone();
            for (int i = 0; i < nt; i++) t[i] += sgn * H * tt[i];
            for (int i = 0; i < nx; i++) x[i] += sgn * H * tx[i];
            double[][] dst = sgn > 0 ? plus : minus;
            ev.gradient(new Bindings(t, x), o, dst[0], dst[1]);
        }
        double[][] out = {new double[nt], new double[nx]};
        for (int i = 0; i < nt; i++) out[0][i] = (plus[0][i] - minus[0][i]) / (2 * H);
        for (int i = 0; i < nx; i++) out[1][i] = (plus[1][i] - minus[1][i]) / (2 * H);
        return out;
    }

    static double[] randomVector(int n, Random r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 2 * r.nextDouble() - 1;
        return v;
    }

    static double dotp(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) m = Math.max(m, Math.abs(x));
        return m;
    }
}
