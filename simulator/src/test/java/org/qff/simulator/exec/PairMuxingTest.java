package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.reference.DenseReference;

/**
 * Neighbouring fused blocks merged into multiplexed pairs ({@link PairMuxing}): which blocks
 * merge, and symbolic CNOT-ladder circuits, re-bound to several parameter sets, against gate-by-gate
 * application to 1e-12 (the kernels' sums differ from the unfused ones only in rounding order, a
 * few ulps per gate over ≤ 100 gates), with and without cache blocks, 1 and 2 threads bit-identical.
 */
class PairMuxingTest {
    private static final double TOL = 1e-12;

    private static GateFuser.Block block(Circuit c) {
        return new GateFuser.Block(GateOps.qubits(mask(c)), c.gates());
    }

    private static long mask(Circuit c) {
        long m = 0;
        for (var g : c.gates()) m |= GateOps.mask(g.qubits());
        return m;
    }

    @Test
    void mergesRealBlocksThatKeepOneHighQubit() {
        GateFuser.Block ladder34 = block(Circuit.builder(8).ry(4, 0.3).cx(3, 4).build());
        GateFuser.Block ladder45 = block(Circuit.builder(8).ry(5, Expr.trainable("a")).cx(4, 5).build());
        assertTrue(PairMuxing.mergeable(ladder34, ladder45));
        // qubit 3 only controls, qubit 5 is only phased by CZ: either can select
        assertTrue(PairMuxing.mergeable(block(Circuit.builder(8).h(4).cz(4, 5).build()), ladder34));
        // every qubit changes: RY on 3, 4 and 5
        assertFalse(PairMuxing.mergeable(block(Circuit.builder(8).ry(3, 0.1).ry(4, 0.2).cx(3, 4).build()), ladder45));
        // complex gates
        assertFalse(PairMuxing.mergeable(block(Circuit.builder(8).rx(4, 0.3).cx(3, 4).build()), ladder45));
        // a lane qubit (below the vector width's log)
        int lane = Integer.numberOfTrailingZeros(VectorKernels.lanes()) - 1;
        assertFalse(PairMuxing.mergeable(block(Circuit.builder(8).ry(lane + 1, 0.3).cx(lane, lane + 1).build()),
                block(Circuit.builder(8).ry(lane + 2, 0.3).cx(lane + 1, lane + 2).build())));
        // a lone CNOT next to a ladder block, as where two ladder layers meet
        assertTrue(PairMuxing.mergeable(block(Circuit.builder(8).cx(3, 4).build()), ladder45));
        // only permutations, or only phases: left to their own kernels
        assertFalse(PairMuxing.mergeable(block(Circuit.builder(8).cx(3, 4).build()), block(Circuit.builder(8).cx(4, 5).build())));
        assertFalse(PairMuxing.mergeable(block(Circuit.builder(8).cz(3, 4).build()), block(Circuit.builder(8).cz(4, 5).z(5).build())));
        // qubit 3 as a target of the second block's CNOT: 4 and 5 change too
        assertFalse(PairMuxing.mergeable(ladder34, block(Circuit.builder(8).ry(5, 0.2).cx(5, 3).build())));
    }

    @Test
    void ladderCircuitsMatchGateByGateForSeveralBindings() {
        Random rnd = new Random(20261202);
        int lowestHigh = Integer.numberOfTrailingZeros(VectorKernels.lanes());
        for (int n = lowestHigh + 3; n <= 12; n++) {
            Circuit c = GateFuserTest.layered(n, 3);
            CompiledCircuit plain = Simulator.create().withCacheBlocking(0).compile(c);
            CompiledCircuit muxed = Simulator.create().withFusion(2).withCacheBlocking(0).compile(c);
            // one layer fuses to ladder blocks (q, q+1), q = 0..n-2; from q = lowestHigh on, runs of
            // three become rotation tiles (RotationTiles) and a remaining pair a multiplexed pair; with
            // 8 lanes the blocks (0, 1), (1, 2), (2, 3) are one op (LaneStages)
            int high = n - 1 - lowestHigh, rest = high % 3;
            int calls = lowestHigh + high / 3 + (rest == 2 ? 1 : rest) - (LaneStages.available() ? 2 : 0);
            assertEquals(calls, Simulator.create().withFusion(2).withCacheBlocking(0).compile(GateFuserTest.layered(n, 1)).operationCount());
            assertTrue(muxed.operationCount() < new GateFuser(2).fuse(c.gates(), n).size(), "n = " + n + ": nothing merged");
            // fusion width 1 asks for one-qubit blocks: nothing is merged across them
            assertEquals(new GateFuser(1).fuse(c.gates(), n).size(), Simulator.create().withFusion(1).withCacheBlocking(0).compile(c).operationCount());
            List<CompiledCircuit> variants = List.of(muxed,
                    Simulator.create().withFusion(2).withCacheBlocking(Math.max(lowestHigh + 3, n - 3)).compile(c),
                    Simulator.using(VectorKernels.withThreads(2, 1)).withFusion(2).withCacheBlocking(0).compile(c));
            for (int round = 0; round < 3; round++) {
                Bindings b = GatheredRunsTest.bindings(c, rnd.nextGaussian());
                double[] start = DenseReference.randomState(n, rnd);
                double[] expected = GatheredRunsTest.run(plain, b, start);
                double[] first = null;
                for (CompiledCircuit cc : variants) {
                    double[] got = GatheredRunsTest.run(cc, b, start);
                    double worst = 0;
                    for (int i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
                    assertTrue(worst <= TOL, "n = " + n + " round " + round + " " + cc + ": max error " + worst);
                    if (first == null) first = got;
                }
                assertArrayEquals(first, GatheredRunsTest.run(variants.get(2), b, start), "1 and 2 threads, n = " + n);
            }
        }
    }
}
