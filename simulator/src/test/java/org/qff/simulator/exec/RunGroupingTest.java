package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qff.simulator.circuit.Circuit;

/**
 * How a compiled circuit groups its ops into cache-blocked runs: ops that fit a contiguous block
 * and come right before a contiguous run that is needed anyway go into it, not at the end of the
 * strided run before them (CompiledCircuit#contiguousRunAhead). On layered ladder circuits the
 * strided runs then hold only the high qubits' ops, with no more runs than the layers need.
 */
class RunGroupingTest {

    @Test
    void lowOpsBeforeAContiguousRunJoinItNotTheStridedRun() {
        for (int n = 14; n <= 20; n += 3) {
            int block = n - 4, layers = 3;
            Circuit c = GateFuserTest.layered(n, layers);
            for (int width : new int[] {0, 2}) {
                CompiledCircuit cc = Simulator.create().withFusion(width).withCacheBlocking(block).compile(c);
                String what = "n = " + n + ", block 2^" + block + ", fusion " + width;
                // fused: one contiguous and one strided run per layer; unfused the RY layer and the
                // ladder each take a contiguous and a strided run
                assertEquals((width == 0 ? 4 : 2) * layers, cc.operationCount(), what + ": runs");
                for (long mask : cc.stridedRunMasks()) {
                    // the low part of a strided run holds only what the high ops need (none here): no lane-qubit ops
                    assertEquals(0, mask & 0b111, what + ": a strided run holds qubits " + Long.toBinaryString(mask));
                    assertTrue(Long.numberOfTrailingZeros(mask) >= block - 3, what + ": " + Long.toBinaryString(mask));
                }
            }
        }
    }
}
