package org.qff.qnn.model.circuit;

import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitRunner;
import org.qff.simulator.observable.Expectation;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SmallCircuitEngineTest {

    /** A 4-qubit, 2-layer circuit with every op kind; parameters 0..23 SU(2), 24..31 exchange, 32 rotation. */
    static QnnCircuit sample(boolean withRotation) {
        QnnCircuit.Builder c = QnnCircuit.builder(4).singletPairs();
        int v = 0, j = 24;
        for (int layer = 0; layer < 2; layer++) {
            for (int q = 0; q < 4; q++) { c.su2(q, v); v += 3; }
            for (int q = 0; q < 4; q++) c.exchange(q, (q + 1) % 4, j++);
        }
        if (withRotation) c.rotation(2, 1, 32);
        for (int q = 0; q < 4; q++) c.observePair(q, (q + 1) % 4, 0.25);
        return c.build();
    }

    static double[] randomParams(Random r, int n, double scale) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) p[i] = scale * (2 * r.nextDouble() - 1);
        return p;
    }

    @Test
    void valueMatchesGeneralCircuitRunner() {
        QnnCircuit qc = sample(true);
        Circuit general = qc.toCircuit();
        Random r = new Random(1);
        SmallCircuitEngine e = new SmallCircuitEngine(qc);
        for (int trial = 0; trial < 5; trial++) {
            double[] p = randomParams(r, qc.paramCount(), 2.5);
            double[] inputs = new double[general.inputCount()];
            for (int i = 0; i < inputs.length; i++) inputs[i] = p[Integer.parseInt(general.inputNames().get(i).substring(1))];
            try (StateVector s = StateVector.zero(4)) {
                new CircuitRunner(ScalarKernels.INSTANCE).run(general, new Bindings(new double[0], inputs), s);
                double ref = Expectation.of(s, qc.observable());
                // both are exact simulations of the same unitary: agree to rounding
                assertEquals(ref, e.value(p), 1e-12);
            }
        }
    }

    @Test
    void adjointGradientMatchesFiniteDifferences() {
        QnnCircuit qc = sample(true);
        SmallCircuitEngine e = new SmallCircuitEngine(qc);
        Random r = new Random(2);
        double[] p = randomParams(r, qc.paramCount(), 2.0);
        p[3] = 1e-9; p[4] = -2e-9; p[5] = 0; // an almost-zero encoding vector (neighbour at the cutoff)
        double[] g = new double[qc.paramCount()];
        e.gradient(p, g);
        double hStep = 1e-5;
        for (int i = 0; i < p.length; i++) {
            double[] a = p.clone(), b = p.clone();
            a[i] += hStep;
            b[i] -= hStep;
            double fd = (e.value(a) - e.value(b)) / (2 * hStep);
            // central FD error ~ h²·f''' ≈ 1e-10 plus rounding 1e-16/h ≈ 1e-11
            assertEquals(fd, g[i], 1e-8, "parameter " + i);
        }
    }

    @Test
    void parameterShiftMatchesAdjoint() {
        QnnCircuit qc = sample(true);
        SmallCircuitEngine e = new SmallCircuitEngine(qc);
        Random r = new Random(3);
        for (int trial = 0; trial < 3; trial++) {
            double[] p = randomParams(r, qc.paramCount(), 3.0);
            if (trial == 2) { p[0] = 0; p[1] = 0; p[2] = 0; }
            double[] g1 = new double[p.length], g2 = new double[p.length];
            double v1 = e.gradient(p, g1), v2 = e.parameterShiftGradient(p, g2);
            assertEquals(v1, v2, 1e-13);
            // both exact: differ by rounding only
            for (int i = 0; i < p.length; i++) assertEquals(g1[i], g2[i], 1e-11, "parameter " + i);
        }
    }

    @Test
    void hessianVectorMatchesFiniteDifferenceOfGradient() {
        QnnCircuit qc = sample(true);
        SmallCircuitEngine e = new SmallCircuitEngine(qc);
        Random r = new Random(4);
        double[] p = randomParams(r, qc.paramCount(), 2.0);
        p[6] = 1e-8; p[7] = 0; p[8] = 0;
        double[] t = randomParams(r, qc.paramCount(), 1.0);
        double[] g = new double[p.length], ht = new double[p.length], g0 = new double[p.length];
        double v = e.hessianVector(p, t, g, ht);
        assertEquals(e.gradient(p, g0), v, 1e-14);
        for (int i = 0; i < p.length; i++) assertEquals(g0[i], g[i], 1e-13);
        double hStep = 1e-5;
        double[] a = p.clone(), b = p.clone();
        for (int i = 0; i < p.length; i++) { a[i] += hStep * t[i]; b[i] -= hStep * t[i]; }
        double[] ga = new double[p.length], gb = new double[p.length];
        e.gradient(a, ga);
        e.gradient(b, gb);
        for (int i = 0; i < p.length; i++) {
            assertEquals((ga[i] - gb[i]) / (2 * hStep), ht[i], 1e-7, "component " + i);
        }
    }

    @Test
    void agreesWithTheGeneralSimulatorsDerivatives() {
        // independent implementations (general adjoint / parameter shift on the gate-level circuit)
        QnnCircuit qc = sample(true);
        SmallCircuitEngine e = new SmallCircuitEngine(qc);
        Random r = new Random(7);
        try (SimulatorEvaluator ref = new SimulatorEvaluator(qc)) {
            for (int trial = 0; trial < 3; trial++) {
                double[] p = randomParams(r, qc.paramCount(), 2.5);
                double[] t = randomParams(r, qc.paramCount(), 1.0);
                int n = p.length;
                double[] g1 = new double[n], h1 = new double[n], g2 = new double[n], h2 = new double[n], s1 = new double[n], s2 = new double[n];
                assertEquals(ref.hessianVector(p, t, g2, h2), e.hessianVector(p, t, g1, h1), 1e-12);
                ref.parameterShiftGradient(p, s2);
                e.parameterShiftGradient(p, s1);
                for (int i = 0; i < n; i++) {
                    assertEquals(g2[i], g1[i], 1e-11, "gradient " + i);
                    assertEquals(h2[i], h1[i], 1e-10, "Hessian-vector " + i);
                    assertEquals(s2[i], s1[i], 1e-11, "parameter shift " + i);
                }
            }
        }
    }

    @Test
    void reflectionAveragingIsEvenAndDifferentiatesConsistently() {
        QnnCircuit qc = sample(false);
        int vectors = 24;
        ReflectionAveraged a = new ReflectionAveraged(new SmallCircuitEngine(qc), vectors);
        Random r = new Random(8);
        double[] p = randomParams(r, qc.paramCount(), 2.0), t = randomParams(r, qc.paramCount(), 1.0);
        double[] q = p.clone();
        for (int i = 0; i < vectors; i++) q[i] = -q[i];
        assertEquals(a.value(p), a.value(q), 1e-14);
        int n = p.length;
        double[] g = new double[n], ht = new double[n], gs = new double[n], ga = new double[n], gb = new double[n];
        a.hessianVector(p, t, g, ht);
        a.parameterShiftGradient(p, gs);
        double h = 1e-5;
        double[] pa = p.clone(), pb = p.clone();
        for (int i = 0; i < n; i++) { pa[i] += h * t[i]; pb[i] -= h * t[i]; }
        a.gradient(pa, ga);
        a.gradient(pb, gb);
        for (int i = 0; i < n; i++) {
            double[] x = p.clone(), y = p.clone();
            x[i] += h;
            y[i] -= h;
            assertEquals((a.value(x) - a.value(y)) / (2 * h), g[i], 1e-8, "gradient " + i);
            assertEquals(g[i], gs[i], 1e-11, "parameter shift " + i);
            assertEquals((ga[i] - gb[i]) / (2 * h), ht[i], 1e-7, "Hessian-vector " + i);
        }
    }

    @Test
    void seriesAndClosedFormAgreeAtTheSwitch() {
        double[] a = new double[3], b = new double[3];
        double y = Su2Functions.SERIES_LIMIT;
        Su2Functions.eval(y, a);
        Su2Functions.eval(Math.nextUp(y), b);
        for (int i = 0; i < 3; i++) assertEquals(a[i], b[i], 1e-14 * Math.max(1, Math.abs(a[i])) + 1e-15, "derivative order " + i);
    }

    @Test
    void rejectsBadCircuits() {
        assertThrows(IllegalArgumentException.class, () -> QnnCircuit.builder(4).su2(4, 0));
        assertThrows(IllegalArgumentException.class, () -> QnnCircuit.builder(4).exchange(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> QnnCircuit.builder(4).singletPairs().build());
        QnnCircuit qc = sample(false);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new SmallCircuitEngine(qc).value(new double[3]));
        assertTrue(ex.getMessage().contains("needs " + qc.paramCount()));
    }
}
