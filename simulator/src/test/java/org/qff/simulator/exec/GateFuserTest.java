package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.Gate;

class GateFuserTest {

    static Circuit layered(int n, int layers) {
        CircuitBuilder b = Circuit.builder(n);
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) b.ry(q, Expr.trainable("t" + l + "_" + q));
            for (int q = 0; q + 1 < n; q++) b.cx(q, q + 1);
        }
        return b.build();
    }

    @Test
    void blocksRespectTheWidthAndKeepEveryGateOnce() {
        Random rnd = new Random(1);
        Circuit c = RandomCircuitsNoReference.circuit(7, 400, rnd);
        for (int width = 1; width <= 5; width++) {
            List<GateFuser.Block> blocks = new GateFuser(width).fuse(c.gates(), c.qubits());
            int gates = 0;
            for (GateFuser.Block b : blocks) {
                gates += b.gates().size();
                int widest = b.gates().stream().mapToInt(g -> g.qubits().length).max().orElse(0);
                assertTrue(b.qubits().length <= Math.max(width, widest), "block " + b + " wider than " + width);
                for (Gate g : b.gates()) for (int q : g.qubits()) assertTrue(java.util.Arrays.binarySearch(b.qubits(), q) >= 0);
            }
            long identities = c.gates().stream().filter(g -> g.kind() == org.qff.simulator.circuit.GateKind.I).count();
            assertEquals(c.size() - identities, gates, "width " + width);
        }
    }

    @Test
    void aRotationLayerWithACnotLadderBecomesFewTwoQubitBlocks() {
        // RY on 8 qubits + CX ladder = 15 gates; pairwise fusion absorbs every RY into the ladder's blocks
        Circuit c = layered(8, 1);
        List<GateFuser.Block> blocks = new GateFuser(2).fuse(c.gates(), c.qubits());
        assertEquals(7, blocks.size(), blocks.toString());
        CompiledCircuit compiled = Simulator.create().withFusion(2).compile(c);
        // 8 lanes: (0,1)+(1,2)+(2,3) as lane stages with qubit 3's stage (LaneStages), the tile
        // (3,4)+(4,5)+(5,6) (RotationTiles), (6,7); without lane stages the first three are three calls
        assertEquals(LaneStages.available() ? 3 : 5, compiled.operationCount());
        assertEquals(15, Simulator.create().compile(c).operationCount());
        // wider blocks cover the ladder in fewer calls
        assertTrue(Simulator.create().withFusion(4).compile(c).operationCount() <= 3);
    }

    @Test
    void permutationOnlyBlocksStayOnThePermutationKernelsAndDiagonalBlocksStayDiagonal() {
        Circuit perms = Circuit.builder(3).x(0).cx(0, 1).swap(1, 2).build();
        CompiledCircuit c = Simulator.create().withFusion(3).compile(perms);
        assertEquals(3, c.operationCount());
        assertEquals(0, c.fusedBlockCount());
        Circuit diag = Circuit.builder(3).rz(0, Expr.trainable("a")).cz(0, 1).rzz(1, 2, 0.4).t(2).build();
        List<GateFuser.Block> blocks = new GateFuser(3).fuse(diag.gates(), 3);
        assertEquals(1, blocks.size());
        FusedOp op = new FusedOp(blocks.get(0));
        assertTrue(op.isDiagonal());
        assertTrue(!op.isFixed());
    }

    @Test
    void gatesWiderThanTheLimitStayAlone() {
        Circuit c = Circuit.builder(4).h(0).ccx(0, 1, 2).h(2).build();
        List<GateFuser.Block> blocks = new GateFuser(2).fuse(c.gates(), 4);
        assertEquals(3, blocks.size(), blocks.toString());
    }

    @Test
    void blockOrderRespectsDependenciesAcrossQubits() {
        // h0; cx(0,1); h1; cx(1,2); h0 — with width 2 the last h0 may not move before cx(0,1)
        Circuit c = Circuit.builder(3).h(0).cx(0, 1).h(1).cx(1, 2).h(0).build();
        List<Gate> order = new ArrayList<>();
        for (GateFuser.Block b : new GateFuser(2).fuse(c.gates(), 3)) order.addAll(b.gates());
        int cx01 = order.indexOf(c.gates().get(1)), lastH0 = order.lastIndexOf(c.gates().get(4));
        assertTrue(cx01 < lastH0, order.toString());
    }

    @Test
    void widthOutsideOneToFiveIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GateFuser(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simulator.create().withFusion(6));
        assertTrue(e.getMessage().contains("6"));
    }
}
