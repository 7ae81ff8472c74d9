package org.qff.benchmarks.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.kernel.VectorKernels;
import org.redfx.strange.Complex;
import org.redfx.strange.Result;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/** The benchmarked circuit variants compute the same state, and the same as Strange. */
class LayeredCircuitTest {

    @Test
    void blockedPlanEqualsGateByGateAndTheScalarReference() {
        for (int n : new int[] {5, 12, 18}) {
            LayeredCircuit c = new LayeredCircuit(n);
            try (StateVector ref = StateVector.zero(n); StateVector vec = StateVector.zero(n); StateVector blk = StateVector.zero(n)) {
                c.applyUnfused(ScalarKernels.INSTANCE, ref);
                c.applyUnfused(VectorKernels.singleThreaded(), vec);
                c.blockedPlan().apply(VectorKernels.withThreads(2, 4), blk);
                for (long i = 0; i < ref.dimension(); i++) {
                    // same gates, different summation order only: a few ulps
                    assertEquals(ref.re(i), vec.re(i), 1e-12);
                    assertEquals(ref.im(i), vec.im(i), 1e-12);
                    assertEquals(ref.re(i), blk.re(i), 1e-12, "blocked, n=" + n + ", amplitude " + i);
                    assertEquals(ref.im(i), blk.im(i), 1e-12);
                }
            }
        }
    }

    @Test
    void strangeComputesTheSameState() {
        for (int n : new int[] {3, 6}) {
            LayeredCircuit c = new LayeredCircuit(n);
            Result r = new SimpleQuantumExecutionEnvironment().runProgram(c.strangeProgram());
            Complex[] amps = r.getProbability();
            try (StateVector s = StateVector.zero(n)) {
                c.applyUnfused(VectorKernels.singleThreaded(), s);
                for (int i = 0; i < amps.length; i++) {
                    // Strange computes in single precision
                    assertEquals(s.re(i), amps[i].r, 1e-5, "n=" + n + " amplitude " + i);
                    assertEquals(s.im(i), amps[i].i, 1e-5, "n=" + n + " amplitude " + i);
                }
            }
        }
    }
}
