package org.qff.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qff.benchmarks.simulator.GateBenchmark;
import org.qff.benchmarks.simulator.PairedTimes;

/** Ratios are formed within an iteration before the median is taken, and the paired method records both times. */
class PairedFiguresTest {

    @Test
    void ratioIsTheMedianOfPerIterationRatiosNotTheRatioOfMedians() {
        // iteration 3 ran on a slow machine: op and sweep both doubled, its ratio is unchanged
        double[] op = {10, 11, 24, 12, 10.5}, sweep = {8, 8.8, 16, 9.6, 8.4};
        PairedFigures f = PairedFigures.of(op, sweep);
        assertEquals(1.25, f.medianRatio(), 1e-12); // ratios 1.25, 1.25, 1.5, 1.25, 1.25
        assertEquals(11.0, f.medianOp(1), 1e-12);
        assertEquals(0.011, f.medianOp(1e3), 1e-15);
        Map<String, Object> s = f.sweepFigures("us/op", 1);
        assertEquals(8.8, (double) s.get("median"), 1e-12);
        assertEquals(8.0, (double) s.get("min"), 1e-12);
        assertEquals(16.0, (double) s.get("max"), 1e-12);
        assertEquals(5, s.get("samples"));
        assertEquals(10.75, PairedFigures.median(new double[] {12, 10, 10.5, 11}), 1e-12);
    }

    @Test
    void badIterationsAreRefusedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedFigures.of(new double[] {1, 2}, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("iteration 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PairedFigures.of(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> PairedFigures.of(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PairedFigures.of(new double[] {Double.NaN}, new double[] {1}));
    }

    @Test
    void gateThenSweepRecordsBothTimesPerCall() {
        GateBenchmark b = new GateBenchmark();
        b.n = 10;
        b.gate = "ry";
        b.position = "high";
        b.setUp();
        try {
            PairedTimes t = new PairedTimes();
            t.clear();
            for (int i = 0; i < 3; i++) b.gateThenSweep(t);
            assertEquals(3, t.pairs);
            assertTrue(t.opNs > 0 && t.sweepNs > 0, t.opNs + " / " + t.sweepNs);
            t.clear();
            assertEquals(0, t.pairs);
            assertEquals(0.0, t.opNs);
        } finally {
            b.tearDown();
        }
    }
}
