package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;
import org.qff.simulator.SteadyAllocation;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.reference.DenseReference;

/**
 * Lane stages ({@link LaneStages}, {@link LaneStageOp}): which gate runs form them, the ladder's
 * first two fused blocks becoming one, and random runs of RY, H, Z, X, CX, CZ, CCX on qubits 0..2
 * (parameterised, re-bound) against the scalar reference gate by gate to 1e-12 (products of a few
 * 2×2 matrices against the gates one by one: rounding only, ≤ 20 gates); compiled circuits with
 * them allocate nothing per run. Needs 8-lane vectors (AVX-512); skipped elsewhere.
 */
class LaneStagesTest {
    private static final double TOL = 1e-12;

    @Test
    void stagesMustAscendAndStayOnLaneQubits() {
        // the ladder stretch: stages 0, 1, 1, 2, 2
        assertTrue(LaneStages.applies(Circuit.builder(4).ry(0, 0.1).ry(1, 0.2).cx(0, 1).ry(2, 0.3).cx(1, 2).build().gates()));
        // controls above the target, CZ either way, CCX
        assertTrue(LaneStages.applies(Circuit.builder(3).h(0).cx(2, 0).cz(2, 1).ccx(0, 1, 2).build().gates()));
        // a gate on qubit 0 after one on qubit 1
        assertFalse(LaneStages.applies(Circuit.builder(3).ry(1, 0.1).ry(0, 0.2).build().gates()));
        // CX(1, 0) after stage 1 changes qubit 0
        assertFalse(LaneStages.applies(Circuit.builder(3).ry(1, 0.1).cx(1, 0).build().gates()));
        // qubit 3, a complex gate, a swap
        assertFalse(LaneStages.applies(Circuit.builder(4).ry(0, 0.1).cx(2, 3).build().gates()));
        assertFalse(LaneStages.applies(Circuit.builder(3).rx(0, 0.1).build().gates()));
        assertFalse(LaneStages.applies(Circuit.builder(3).swap(0, 1).build().gates()));
    }

    @Test
    void theLaddersFirstTwoFusedBlocksBecomeOneOp() {
        assumeTrue(LaneStages.available(), "needs 8-lane vectors");
        CircuitBuilder b = Circuit.builder(8);
        for (int q = 0; q < 8; q++) b.ry(q, 0.1 * q + 0.05);
        for (int q = 0; q + 1 < 8; q++) b.cx(q, q + 1);
        List<GateFuser.Block> blocks = LaneStages.merge(new GateFuser(2).fuse(b.build().gates(), 8));
        assertEquals(List.of(0, 1, 2), toList(blocks.get(0).qubits()), "first block " + blocks.get(0));
        assertEquals(5, blocks.get(0).gates().size());
        assertFalse(LaneStages.applies(blocks.get(1).gates()), "the block on (2, 3) reaches a high qubit");
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    /**
     * A random run of lane-stage gates on qubits 0..2 of a 5-qubit circuit, some parameterised; the
     * qubits the gates change ascend in most runs (so that they form stages), not in the others.
     */
    private static Circuit randomStages(Random rnd) {
        CircuitBuilder b = Circuit.builder(5);
        int count = 3 + rnd.nextInt(15);
        int[] targets = new int[count];
        for (int i = 0; i < count; i++) targets[i] = rnd.nextInt(3);
        if (rnd.nextInt(5) > 0) java.util.Arrays.sort(targets);
        for (int i = 0; i < count; i++) {
            int q = targets[i], o = (q + 1 + rnd.nextInt(2)) % 3;
            switch (rnd.nextInt(7)) {
                case 0 -> {
                    if (rnd.nextBoolean()) b.ry(q, Expr.trainable("p" + rnd.nextInt(3)).times(Expr.input("x")).plus(rnd.nextGaussian()));
                    else b.ry(q, rnd.nextGaussian() * 3);
                }
                case 1 -> b.h(q);
                case 2 -> b.z(q);
                case 3 -> b.x(q);
                case 4 -> b.cx(o, q);
                case 5 -> b.cz(o, q);
                default -> b.ccx(o, 3 - q - o, q);
            }
        }
        return b.build();
    }

    @Test
    void randomStagesMatchGateByGateForSeveralBindings() {
        assumeTrue(LaneStages.available(), "needs 8-lane vectors");
        Random rnd = new Random(20261204);
        int made = 0;
        for (int trial = 0; trial < 400; trial++) {
            Circuit c = randomStages(rnd);
            if (!LaneStages.applies(c.gates())) continue; // stages out of order
            made++;
            LaneStageOp op = new LaneStageOp(new GateFuser.Block(new int[] {0, 1, 2}, c.gates()));
            CompiledCircuit reference = Simulator.reference().compile(c);
            for (int round = 0; round < 2; round++) {
                Bindings b = GatheredRunsTest.bindings(c, rnd.nextGaussian());
                double[] start = DenseReference.randomState(c.qubits(), rnd);
                double[] expected = GatheredRunsTest.run(reference, b, start);
                try (StateVector s = StateVector.zero(c.qubits())) {
                    s.fromInterleaved(start);
                    op.apply(VectorKernels.singleThreaded(), s, b);
                    double[] got = s.toInterleaved();
                    double worst = 0;
                    for (int i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
                    assertTrue(worst <= TOL, c.gates() + " round " + round + ": max error " + worst);
                }
            }
        }
        assertTrue(made > 250, "only " + made + " of 400 random runs formed lane stages");
    }

    @Test
    void compiledCircuitsWithLaneStagesAllocateNothingPerRun() throws Exception {
        assumeTrue(LaneStages.available(), "needs 8-lane vectors");
        SteadyAllocation.assertAllocatesNothing(Workload.class, "lane stages", "runs");
    }

    /** A ladder circuit whose lane stages are parameterised, cache-blocked at n = 14 (SteadyAllocation). */
    static final class Workload {
        public static void main(String[] args) {
            int n = 14;
            CircuitBuilder b = Circuit.builder(n);
            for (int layer = 0; layer < 2; layer++) {
                for (int q = 0; q < n; q++) b.ry(q, Expr.trainable("t").times(Expr.input("x")).plus(0.1 * q + layer));
                for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
            }
            CompiledCircuit cc = Simulator.create().withFusion(2).withCacheBlocking(10).compile(b.build());
            Bindings bind = new Bindings(new double[] {0.3}, new double[] {0.7});
            try (StateVector s = StateVector.zero(n)) {
                System.out.println("cleanest " + SteadyAllocation.cleanestCircuitRound(cc, bind, s));
            }
        }
    }

    static long mask(Circuit c) {
        long m = 0;
        for (Gate g : c.gates()) m |= GateOps.mask(g.qubits());
        return m;
    }
}
