package org.qff.simulator.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.gradient.AdjointEvaluator;
import org.qff.simulator.observable.PauliSum;

/** Batched = unbatched to 1e-12: both are exact; only summation order differs (≈ 1e-15 per value). */
class BatchEvaluatorTest {
    static final GateKind[] KINDS = {
        GateKind.RX, GateKind.RY, GateKind.RZ, GateKind.PHASE, GateKind.U2, GateKind.U3, GateKind.SU2,
        GateKind.CRX, GateKind.CRY, GateKind.CRZ, GateKind.CPHASE, GateKind.CU3,
        GateKind.RXX, GateKind.RYY, GateKind.RZZ, GateKind.HEISENBERG,
    };

    static Circuit circuit(GateKind kind, int n, Random r) {
        CircuitBuilder b = Circuit.builder(n);
        for (int q = 0; q < n; q++) b.h(q).ry(q, Expr.trainable("t" + (q % 3)));
        b.rz(0, Expr.input("x0")).rx(n - 1, Expr.input("x1").times(Expr.trainable("t0")));
        for (int i = 0; i < 4; i++) {
            int q0 = r.nextInt(n), q1 = (q0 + 1 + r.nextInt(n - 1)) % n;
            int[] qs = kind.qubits() == 1 ? new int[] {q0} : new int[] {q0, q1};
            Expr[] args = new Expr[kind.args()];
            for (int a = 0; a < args.length; a++) {
                Expr t = Expr.trainable("t" + r.nextInt(3)), x = Expr.input("x" + r.nextInt(2));
                args[a] = switch (r.nextInt(4)) {
                    case 0 -> t;
                    case 1 -> x.times(1.3).plus(0.2);
                    case 2 -> x.times(t);
                    default -> t.plus(x);
                };
            }
            b.gate(kind, qs, args);
            b.cx(q1, q0).cz(q0, q1);
        }
        b.ccx(0, 1, 2).swap(1, 2);
        return b.build();
    }

    /**
     * Every kind, as one chunk and in chunks of one vector of lanes (11 members: full chunks and a
     * padded last one, so member offsets into the caller's arrays are exercised).
     */
    @Test
    void batchedEqualsUnbatchedForEveryKind() {
        Random r = new Random(31);
        int size = 11; // not a multiple of the lane count: padding members are exercised
        for (int chunk : new int[] {size, 1})
        for (GateKind kind : KINDS) {
            Circuit c = circuit(kind, 4, r);
            PauliSum[] os = {PauliSum.parse("Z0 Z1 + 0.5*X2 Y3 - 0.3*Y0"), PauliSum.parse("X0 X1 + Y0 Y1 + Z0 Z1")};
            double[] w = {0.8, -0.6};
            int nt = c.trainableCount(), nx = c.inputCount();
            BatchEvaluator be = new BatchEvaluator(c, size, chunk);
            assertEquals(chunk == 1 ? BatchKernels.LANES : size, be.chunk());
            double[][] tt = new double[size][nt], tx = new double[size][nx];
            for (int b = 0; b < size; b++) {
                for (int i = 0; i < nt; i++) { be.trainables(b)[i] = 2 * r.nextDouble() - 1; tt[b][i] = r.nextDouble() - 0.5; }
                for (int i = 0; i < nx; i++) { be.inputs(b)[i] = 2 * r.nextDouble() - 1; tx[b][i] = r.nextDouble() - 0.5; }
            }
            double[] values = new double[size], grads = new double[size];
            double[][] gT = new double[size][nt], gX = new double[size][nx];
            be.vjp(os, w, values, gT, gX);
            double[] single = new double[size];
            be.values(os[1], single);
            BatchEvaluator.SecondOrder so = be.newSecondOrder();
            be.secondOrder(os, w, tt, tx, so);
            try (AdjointEvaluator ev = new AdjointEvaluator(c)) {
                AdjointEvaluator.SecondOrder ref = ev.newSecondOrder();
                for (int b = 0; b < size; b++) {
                    Bindings bind = new Bindings(be.trainables(b).clone(), be.inputs(b).clone());
                    double[] rt = new double[nt], rx = new double[nx];
                    assertEquals(ev.vjp(bind, os, w, null, rt, rx), values[b], 1e-12, kind + " value");
                    assertEquals(ev.value(bind, os[1]), single[b], 1e-12, kind + " values()");
                    for (int i = 0; i < nt; i++) assertEquals(rt[i], gT[b][i], 1e-12, kind + " dT");
                    for (int i = 0; i < nx; i++) assertEquals(rx[i], gX[b][i], 1e-12, kind + " dX");
                    ev.secondOrder(bind, os, w, tt[b], tx[b], ref);
                    assertEquals(ref.value, so.value[b], 1e-12);
                    assertEquals(ref.directional, so.directional[b], 1e-12, kind + " D_t");
                    for (int i = 0; i < nt; i++) {
                        assertEquals(ref.gradTrainables[i], so.gradTrainables[b][i], 1e-12);
                        assertEquals(ref.hvpTrainables[i], so.hvpTrainables[b][i], 1e-12, kind + " hvpT");
                    }
                    for (int i = 0; i < nx; i++) {
                        assertEquals(ref.gradInputs[i], so.gradInputs[b][i], 1e-12);
                        assertEquals(ref.hvpInputs[i], so.hvpInputs[b][i], 1e-12, kind + " hvpX");
                    }
                }
            }
        }
    }

    @Test
    void initialStateAndSharedTrainables() {
        Circuit c = Circuit.builder(2).su2(0, Expr.input("a"), Expr.input("b"), Expr.trainable("w"))
                .su2(1, Expr.input("a"), Expr.input("b"), Expr.trainable("w")).heisenberg(0, 1, Expr.trainable("j")).build();
        double rr = Math.sqrt(0.5);
        double[] singlet = {0, 0, rr, 0, -rr, 0, 0, 0};
        BatchEvaluator be = new BatchEvaluator(c, 3);
        be.setInitialState(singlet);
        be.setTrainablesAll(new double[] {0.4, 0.9});
        for (int b = 0; b < 3; b++) { be.inputs(b)[0] = 0.1 * b; be.inputs(b)[1] = -0.3 * b; }
        double[] v = new double[3];
        be.values(PauliSum.parse("Z0 Z1"), v);
        for (double x : v) assertEquals(-1.0, x, 1e-14);
        try (AdjointEvaluator ev = new AdjointEvaluator(c); StateVector s = StateVector.zero(2)) {
            s.fromInterleaved(singlet);
            ev.setInitialState(s);
            be.values(PauliSum.parse("X0"), v);
            assertEquals(ev.value(new Bindings(new double[] {0.4, 0.9}, new double[] {0.2, -0.6}), PauliSum.parse("X0")), v[2], 1e-13);
        }
    }

    @Test
    void badInputIsRejectedByName() {
        Circuit c = Circuit.builder(2).ry(0, Expr.trainable("theta")).cx(0, 1).build();
        BatchEvaluator be = new BatchEvaluator(c, 4);
        var e1 = assertThrows(IllegalArgumentException.class, () -> be.values(PauliSum.parse("Z3"), new double[4]));
        assertTrue(e1.getMessage().contains("qubit 3"));
        be.trainables(2)[0] = Double.NaN;
        var e2 = assertThrows(IllegalArgumentException.class, () -> be.values(PauliSum.parse("Z0"), new double[4]));
        assertTrue(e2.getMessage().contains("member 2") && e2.getMessage().contains("theta"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> new BatchEvaluator(Circuit.builder(13).h(0).build(), 4));
        assertTrue(e3.getMessage().contains("13"));
        assertThrows(IllegalArgumentException.class, () -> be.inputs(4));
    }
}
