package org.qff.simulator.kernel;

import org.junit.jupiter.api.Test;
import org.qff.simulator.GateKernels;
import org.qff.simulator.SteadyAllocation;
import org.qff.simulator.StateVector;

/**
 * Gate kernels called on every kind of position in one program allocate nothing in steady state:
 * first on lane qubits only, then on lane qubits, one lane and one high qubit, and high qubits in
 * turn, as a program that starts with a small circuit and then runs a wide one meets them.
 *
 * <p>Why a test of its own: each kernel's single-position benchmark compiles one branch of a
 * kernel method. Called in this order, a permutation kernel whose four loops sat in one method was
 * compiled first with its lane-qubit branch; when the other branches got hot, C2 recompiled the
 * whole method past its inlining budget and boxed every vector: 3 MB and 23 sweeps per CNOT on
 * (2, 3) at n = 16, 0.8 MB and 9 sweeps on (14, 15), for the rest of the run (probe, 2026-12-02). The general table kernel behind
 * controlled 2×2s and three-qubit unitaries did the same (0.8–1.6 MB per call).
 */
class MixedPositionAllocationTest {

    @Test
    void gatesOnEveryPositionInOneProgramAllocateNothing() throws Exception {
        SteadyAllocation.assertAllocatesNothing(Workload.class, "mixed positions", "rounds of gates on every position");
    }

    /** Every GateKernels call on one pair of qubits (and a third for the three-qubit unitary). */
    static void apply(GateKernels k, StateVector s, int[] p, int[] triple, int[][] controls, double angle) {
        k.controlledX(s, controls[p[0]], p[1]);
        k.diagonal(s, p, Workload.CZ);
        k.swap(s, Math.min(p[0], p[1]), Math.max(p[0], p[1]));
        k.ry(s, p[1], angle);
        k.dense1(s, p[0], Workload.H);
        k.diagonal1(s, p[1], 0.8, 0.6, 0.8, -0.6);
        k.controlled1(s, controls[p[0]], p[1], Workload.H);
        k.dense2(s, p[0], p[1], Workload.EXCHANGE);
        k.denseK(s, triple, Workload.THREE);
    }

    /** The measured workload, run as a program in a fresh JVM (SteadyAllocation): prints "cleanest &lt;bytes&gt;". */
    static final class Workload {
        static final double[] CZ = {1, 0, 1, 0, 1, 0, -1, 0};
        static final double[] H = {Math.sqrt(0.5), 0, Math.sqrt(0.5), 0, Math.sqrt(0.5), 0, -Math.sqrt(0.5), 0};
        static final double[] EXCHANGE = KernelTestSupport.heisenberg(0.3);
        static final double[] THREE = KernelTestSupport.randomUnitary(3, new java.util.Random(5));

        public static void main(String[] args) {
            int n = 16;
            GateKernels k = VectorKernels.singleThreaded();
            int[][] pairs = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {n - 2, n - 1}, {1, n - 1}, {n - 1, 0}};
            int[][] controls = new int[n][];
            for (int q = 0; q < n; q++) controls[q] = new int[] {q};
            int[][] triples = new int[pairs.length][];
            for (int i = 0; i < pairs.length; i++) triples[i] = new int[] {pairs[i][0], pairs[i][1], pairs[i][0] == 2 || pairs[i][1] == 2 ? 5 : 2};
            try (StateVector s = StateVector.zero(n)) {
                // first only lane qubits, long enough for C2 to compile the kernels with that profile
                for (int i = 0; i < 3_000; i++) apply(k, s, pairs[0], triples[0], controls, 0.1);
                System.out.println("cleanest " + SteadyAllocation.cleanestRound(i -> {
                    for (int p = 0; p < pairs.length; p++) apply(k, s, pairs[p], triples[p], controls, 0.1 + 1e-4 * i);
                }));
            }
        }
    }
}
