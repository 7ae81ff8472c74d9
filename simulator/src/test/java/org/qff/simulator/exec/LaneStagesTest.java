package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.qff.simulator.reference.DenseReference;

/**
 * Lane stages ({@link LaneStages}, {@link LaneStageOp}): which gate runs form them, the ladder's
 * first three fused blocks becoming one, and random runs of RY, H, Z, X, CX, CZ, CCX on qubits 0..2
 * and maybe one of 3..5
 * (parameterised, re-bound) against the scalar reference gate by gate to 1e-12 (products of a few
 * 2×2 matrices against the gates one by one: rounding only, ≤ 20 gates); compiled circuits with
 * them allocate nothing per run. Needs 8-lane vectors (AVX-512); skipped elsewhere.
 */
class LaneStagesTest {
    private static final double TOL = 1e-12;

    @Test
    void stagesMustAscendAndStayOnLaneQubits() {
        // the ladder stretch: stages 0, 1, 1, 2, 2
        assertNotNull(LaneStages.plan(Circuit.builder(4).ry(0, 0.1).ry(1, 0.2).cx(0, 1).ry(2, 0.3).cx(1, 2).build().gates()));
        // controls above the target, CZ either way, CCX
        assertNotNull(LaneStages.plan(Circuit.builder(3).h(0).cx(2, 0).cz(2, 1).ccx(0, 1, 2).build().gates()));
        // a gate on qubit 0 after one on qubit 1
        assertNull(LaneStages.plan(Circuit.builder(3).ry(1, 0.1).ry(0, 0.2).build().gates()));
        // CX(1, 0) after stage 1 changes qubit 0
        assertNull(LaneStages.plan(Circuit.builder(3).ry(1, 0.1).cx(1, 0).build().gates()));
        // two high qubits, a complex gate, a swap
        assertNull(LaneStages.plan(Circuit.builder(5).ry(0, 0.1).cx(2, 3).cx(2, 4).build().gates()));
        assertNull(LaneStages.plan(Circuit.builder(3).rx(0, 0.1).build().gates()));
        assertNull(LaneStages.plan(Circuit.builder(3).swap(0, 1).build().gates()));
        // one high qubit, changed last, controlled by lane qubits only
        assertNotNull(LaneStages.plan(Circuit.builder(6).ry(2, 0.1).cx(1, 2).ry(5, 0.2).cx(2, 5).cz(0, 5).build().gates()));
        assertEquals(5, LaneStages.plan(Circuit.builder(6).ry(2, 0.1).ry(5, 0.2).build().gates()).high());
        assertNull(LaneStages.plan(Circuit.builder(6).ry(5, 0.2).ry(2, 0.1).build().gates()), "a lane stage after the high one");
        assertNull(LaneStages.plan(Circuit.builder(6).ry(2, 0.2).cx(5, 2).build().gates()), "the high qubit as a control");
        assertNull(LaneStages.plan(Circuit.builder(6).ry(4, 0.2).ry(5, 0.1).build().gates()), "two high qubits");
        // worth it only with two lane stages or more
        assertFalse(LaneStages.plan(Circuit.builder(6).ry(2, 0.1).cx(2, 5).build().gates()).worthwhile());
        assertTrue(LaneStages.plan(Circuit.builder(6).ry(1, 0.1).ry(2, 0.1).cx(2, 5).build().gates()).worthwhile());
    }

    @Test
    void theLaddersFirstTwoFusedBlocksBecomeOneOp() {
        assumeTrue(LaneStages.available(), "needs 8-lane vectors");
        CircuitBuilder b = Circuit.builder(8);
        for (int q = 0; q < 8; q++) b.ry(q, 0.1 * q + 0.05);
        for (int q = 0; q + 1 < 8; q++) b.cx(q, q + 1);
        List<GateFuser.Block> blocks = LaneStages.merge(new GateFuser(2).fuse(b.build().gates(), 8));
        // (0, 1), (1, 2) and (2, 3): the lane stages and qubit 3's stage
        assertEquals(List.of(0, 1, 2, 3), toList(blocks.get(0).qubits()), "first block " + blocks.get(0));
        assertEquals(7, blocks.get(0).gates().size());
        assertEquals(List.of(3, 4), toList(blocks.get(1).qubits()), "the block on (3, 4) has qubit 3 as a control");
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    /**
     * A random run of lane-stage gates on qubits 0..2 of a 5-qubit circuit, some parameterised; the
     * qubits the gates change ascend in most runs (so that they form stages), not in the others.
     */
    private static Circuit randomStages(Random rnd) {
        CircuitBuilder b = Circuit.builder(6);
        int count = 3 + rnd.nextInt(15), high = rnd.nextBoolean() ? 3 + rnd.nextInt(3) : -1;
        int[] targets = new int[count];
        for (int i = 0; i < count; i++) targets[i] = high >= 0 && rnd.nextInt(4) == 0 ? 3 : rnd.nextInt(3);
        if (rnd.nextInt(5) > 0) java.util.Arrays.sort(targets);
        for (int i = 0; i < count; i++) {
            int q = targets[i] == 3 ? high : targets[i], o = targets[i] == 3 ? rnd.nextInt(3) : (q + 1 + rnd.nextInt(2)) % 3;
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
                default -> b.ccx(o, q >= 3 ? (o + 1) % 3 : 3 - q - o, q);
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
            LaneStages.Plan plan = LaneStages.plan(c.gates());
            if (plan == null) continue; // stages out of order
            made++;
            LaneStageOp op = new LaneStageOp(new GateFuser.Block(GateOps.qubits(mask(c)), c.gates()), plan);
            GatheredRunsTest.assertOpMatchesReference(op, c, rnd, TOL);
        }
        assertTrue(made > 250, "only " + made + " of 400 random runs formed lane stages");
    }

    @Test
    void circuitsOnOneOrTwoQubitsKeepTheirOwnKernels() {
        // a lane-stage op touches qubits 0..2: on smaller states the blocks stay as they are
        for (int n = 1; n <= 3; n++) {
            CircuitBuilder b = Circuit.builder(n).h(0).ry(0, 0.3);
            if (n > 1) b.ry(1, 0.4).cx(0, 1).h(1);
            if (n > 2) b.ry(2, 0.5).cx(1, 2);
            Circuit c = b.build();
            double[] start = DenseReference.randomState(n, new Random(n));
            double[] expected = GatheredRunsTest.run(Simulator.reference().compile(c), Bindings.NONE, start);
            double[] got = GatheredRunsTest.run(Simulator.create().withFusion(2).compile(c), Bindings.NONE, start);
            for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], TOL, "n=" + n + ", entry " + i);
        }
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
