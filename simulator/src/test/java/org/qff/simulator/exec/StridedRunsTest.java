package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;
import org.qff.simulator.SteadyAllocation;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.reference.DenseReference;

/**
 * Runs on strided cache blocks applied in place with page-long low runs (StridedRuns): the
 * choice itself, and random layered circuits (GatheredRunsTest#layered) at n = 10..18 against
 * gate-by-gate application, with 1 and 2 threads bit-identical.
 */
class StridedRunsTest {
    private static final double TOL = 1e-12;

    @Test
    void choosesInPlaceForPageRunsAndShortWidenedRunsOnly() {
        // c ≥ 9 already: in place; a short run's low part widened to the 2^(16+2) block (longer DRAM runs), a long one's kept
        assertEquals(9, StridedRuns.inPlaceLow(9, 17, 24, 40, 16));
        assertEquals(13, StridedRuns.inPlaceLow(11, 19, 24, 3, 16));
        assertEquals(12, StridedRuns.inPlaceLow(10, 18, 24, StridedRuns.MAX_WIDENED_RUN, 16));
        // c = 7 at n = 24, h = 15: widened to 9 (2^18 ≤ 2^(16+2)) for a short run, gathered for a long one
        assertEquals(9, StridedRuns.inPlaceLow(7, 15, 24, StridedRuns.MAX_WIDENED_RUN, 16));
        assertEquals(-1, StridedRuns.inPlaceLow(7, 15, 24, StridedRuns.MAX_WIDENED_RUN + 1, 16));
        // ten high qubits: widening would need 2^19 > 2^(16+2)
        assertEquals(-1, StridedRuns.inPlaceLow(6, 16, 26, 2, 16));
        // h below a page: the low part is capped at h
        assertEquals(5, StridedRuns.inPlaceLow(3, 5, 8, 2, 6));
    }

    @Test
    void inPlaceStridedRunsEqualGateByGateAndDoNotDependOnThreads() {
        Random rnd = new Random(20261202);
        int inPlace = 0, gathered = 0;
        for (int n = 10; n <= 18; n++) {
            Circuit c = GatheredRunsTest.layered(n, 3, rnd);
            Bindings b = GatheredRunsTest.bindings(c, rnd.nextDouble());
            double[] start = DenseReference.randomState(n, rnd);
            double[] plain = GatheredRunsTest.run(Simulator.create().withCacheBlocking(0).compile(c), b, start);
            for (int block : new int[] {7, 8, 10, 12}) { // contiguous blocks reach 2^(block+3): strided runs need n > block + 3
                if (block >= n) continue;
                for (int width : new int[] {0, 2, 3}) {
                    CompiledCircuit one = Simulator.create().withFusion(width).withCacheBlocking(block).compile(c);
                    CompiledCircuit two = Simulator.using(VectorKernels.withThreads(2, 1)).withFusion(width).withCacheBlocking(block).compile(c);
                    inPlace += one.stridedInPlaceRunCount();
                    gathered += one.gatheredRunCount();
                    double[] a = GatheredRunsTest.run(one, b, start);
                    String what = "n=" + n + " block 2^" + block + " fusion " + width;
                    double worst = 0;
                    for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - plain[i]));
                    assertTrue(worst <= TOL, what + ": max amplitude error " + worst);
                    assertArrayEquals(a, GatheredRunsTest.run(two, b, start), what + ": 1 and 2 threads differ");
                }
            }
        }
        assertTrue(inPlace > 30, "only " + inPlace + " in-place strided runs compiled: the test does not exercise them");
        assertTrue(gathered > 0, "no gathered run compiled alongside");
    }

    @Test
    void inPlaceStridedRunsAllocateNothingPerRun() throws Exception {
        assertTrue(stridedCircuit().stridedInPlaceRunCount() > 0, "no in-place strided run in " + stridedCircuit());
        SteadyAllocation.assertAllocatesNothing(Workload.class, "strided in place", "runs");
    }

    private static CompiledCircuit stridedCircuit() {
        return Simulator.create().withFusion(2).withCacheBlocking(12).compile(GatheredRunsTest.layered(18, 2, new Random(9)));
    }

    /** The measured workload, run as a program in a fresh JVM (SteadyAllocation): prints "cleanest &lt;bytes&gt;". */
    static final class Workload {
        public static void main(String[] args) {
            CompiledCircuit cc = stridedCircuit();
            Bindings b = GatheredRunsTest.bindings(cc.circuit(), 0.2);
            try (StateVector s = StateVector.zero(18)) {
                System.out.println("cleanest " + SteadyAllocation.cleanestCircuitRound(cc, b, s));
            }
        }
    }
}
