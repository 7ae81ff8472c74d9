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
 * (2, 3) at n = 16, 0.8 MB and 9 sweeps on (14, 15), for the rest of the run (probe, 2026-12-02).
 */
class MixedPositionAllocationTest {

    @Test
    void gatesOnEveryPositionInOneProgramAllocateNothing() throws Exception {
        SteadyAllocation.assertAllocatesNothing(Workload.class, "mixed positions", "rounds of gates on every position");
    }

    /** The measured workload, run as a program in a fresh JVM (SteadyAllocation): prints "cleanest &lt;bytes&gt;". */
    static final class Workload {
        static final double[] CZ = {1, 0, 1, 0, 1, 0, -1, 0};
        static final double[] H = {Math.sqrt(0.5), 0, Math.sqrt(0.5), 0, Math.sqrt(0.5), 0, -Math.sqrt(0.5), 0};

        public static void main(String[] args) {
            int n = 16;
            GateKernels k = VectorKernels.singleThreaded();
            int[][] pairs = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {n - 2, n - 1}, {1, n - 1}, {n - 1, 0}};
            int[][] controls = new int[n][];
            for (int q = 0; q < n; q++) controls[q] = new int[] {q};
            try (StateVector s = StateVector.zero(n)) {
                // first only lane qubits, long enough for C2 to compile the kernels with that profile
                for (int i = 0; i < 3_000; i++) {
                    k.controlledX(s, controls[0], 1);
                    k.diagonal(s, pairs[0], CZ);
                    k.swap(s, 0, 1);
                    k.ry(s, 1, 0.1);
                    k.dense1(s, 0, H);
                }
                System.out.println("cleanest " + SteadyAllocation.cleanestRound(i -> {
                    for (int[] p : pairs) {
                        k.controlledX(s, controls[p[0]], p[1]);
                        k.diagonal(s, p, CZ);
                        k.swap(s, Math.min(p[0], p[1]), Math.max(p[0], p[1]));
                        k.ry(s, p[1], 0.1 + 1e-4 * i);
                        k.dense1(s, p[0], H);
                    }
                }));
            }
        }
    }
}
