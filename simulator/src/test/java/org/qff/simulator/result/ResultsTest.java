package org.qff.simulator.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliString;
import org.qff.simulator.observable.PauliSum;
import org.qff.simulator.reference.CMat;
import org.qff.simulator.reference.DenseReference;

class ResultsTest {

    @Test
    void probabilitiesAreSquaredMagnitudes() {
        try (StateVector s = StateVector.zero(3)) {
            double[] v = DenseReference.randomState(3, new Random(1));
            s.fromInterleaved(v);
            double[] p = Probabilities.all(s);
            double sum = 0;
            for (int i = 0; i < 8; i++) {
                assertEquals(v[2 * i] * v[2 * i] + v[2 * i + 1] * v[2 * i + 1], p[i], 1e-15);
                assertEquals(p[i], Probabilities.of(s, i), 0);
                sum += p[i];
            }
            assertEquals(1, sum, 1e-14);
            assertEquals(p[4] + p[5] + p[6] + p[7], Probabilities.ofOne(s, 2), 1e-15);
            assertThrows(IllegalArgumentException.class, () -> Probabilities.of(s, 8));
        }
    }

    @Test
    void samplingIsSeededAndFollowsTheBornRule() {
        try (StateVector s = StateVector.zero(4)) {
            s.fromInterleaved(DenseReference.randomState(4, new Random(2)));
            int shots = 200_000;
            Counts a = MeasurementSampler.sample(s, shots, 42), b = MeasurementSampler.sample(s, shots, 42);
            assertEquals(a, b);
            assertTrue(!a.equals(MeasurementSampler.sample(s, shots, 43)));
            long total = 0;
            for (int i = 0; i < 16; i++) {
                double p = Probabilities.of(s, i);
                long k = a.count(i);
                total += k;
                // binomial standard deviation; 5σ makes a false failure practically impossible
                double sigma = Math.sqrt(shots * p * (1 - p));
                assertEquals(shots * p, k, 5 * sigma + 1, "outcome " + i);
            }
            assertEquals(shots, total);
        }
    }

    @Test
    void aBasisStateAlwaysGivesItself() {
        try (StateVector s = StateVector.zero(5)) {
            s.set(0, 0, 0);
            s.set(0b10110, 0, 1);
            Counts c = MeasurementSampler.sample(s, 1000, 7);
            assertEquals(1000, c.count(0b10110));
            assertEquals(java.util.Map.of("10110", 1000L), c.byBitString());
            assertThrows(IllegalArgumentException.class, () -> MeasurementSampler.sample(s, 0, 1));
        }
    }

    @Test
    void expectationMatchesTheDenseOperator() {
        Random rnd = new Random(3);
        int n = 5;
        double[] v = DenseReference.randomState(n, rnd);
        PauliSum o = PauliSum.parse("0.7 X0 Y2 Z4 - 1.3 Y1 Y3 + Z0 Z1 + 0.25 X4 + 2");
        CMat op = new CMat(1 << n, 1 << n);
        for (PauliString p : o.terms()) op = op.plus(DenseReference.pauli(p.coefficient(), p.qubits(), p.paulis(), n));
        double[] ov = op.apply(v);
        double expected = 0;
        for (int i = 0; i < v.length; i++) expected += v[i] * ov[i]; // Re⟨v|O v⟩ for interleaved pairs
        try (StateVector s = StateVector.zero(n)) {
            s.fromInterleaved(v);
            assertEquals(expected, Expectation.of(s, o), 1e-13);
        }
    }
}
