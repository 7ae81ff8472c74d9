package org.qff.simulator.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.Gate;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Rotation tiles ({@link RotationTiles}, {@link TileOp}): which gate runs form one, and random
 * tiles (RY, H, Z on three high qubits, then X, CX, CCX, SWAP with controls on them or on a
 * selector, one-qubit gates also after permutations on other qubits), parameterised and re-bound,
 * against gate-by-gate scalar application to 1e-12 (three 2×2 products and a permutation against
 * the gates one by one: rounding only, ≤ 20 gates).
 */
class RotationTilesTest {
    private static final double TOL = 1e-12;

    private static List<Gate> gates(Circuit c) {
        return c.gates();
    }

    @Test
    void tilesAreThreeHighTargetsAndAtMostOneSelector() {
        int lane = Integer.numberOfTrailingZeros(VectorKernels.lanes());
        int a = lane, b = lane + 1, c = lane + 2, d = lane + 3, e = lane + 4;
        // the fused ladder stretch: selector a, targets b, c, d
        RotationTiles.Plan p = RotationTiles.plan(gates(Circuit.builder(e + 1).ry(b, 0.1).cx(a, b).ry(c, 0.2).cx(b, c).ry(d, 0.3).cx(c, d).build()));
        assertNotNull(p);
        assertArrayEquals(new int[] {b, c, d}, p.targets());
        assertEquals(a, p.selector());
        // no selector
        assertEquals(-1, RotationTiles.plan(gates(Circuit.builder(e + 1).h(b).ry(c, 0.2).z(d).swap(b, d).ccx(b, c, d).build())).selector());
        // a one-qubit gate after a permutation on its qubit
        assertNull(RotationTiles.plan(gates(Circuit.builder(e + 1).ry(b, 0.1).cx(a, b).ry(b, 0.2).ry(c, 0.2).ry(d, 0.3).build())));
        // ... also when the qubit was only the control
        assertNull(RotationTiles.plan(gates(Circuit.builder(e + 1).ry(c, 0.1).ry(d, 0.1).cx(b, c).ry(b, 0.2).build())));
        // complex gates, four targets, two selectors, a lane qubit
        assertNull(RotationTiles.plan(gates(Circuit.builder(e + 1).rx(b, 0.1).ry(c, 0.2).ry(d, 0.3).build())));
        assertNull(RotationTiles.plan(gates(Circuit.builder(e + 1).ry(b, 0.1).ry(c, 0.2).ry(d, 0.3).ry(e, 0.4).build())));
        assertNull(RotationTiles.plan(gates(Circuit.builder(e + 1).ry(c, 0.2).ry(d, 0.3).cx(a, c).cx(b, d).ry(e, 0.1).build())));
        assertNull(RotationTiles.plan(gates(Circuit.builder(e + 1).ry(lane - 1, 0.1).ry(c, 0.2).ry(d, 0.3).build())));
    }

    /** A random tile on three random high qubits of 8, with or without a selector. */
    private static Circuit randomTile(Random rnd) {
        int n = 8, lane = Integer.numberOfTrailingZeros(VectorKernels.lanes());
        List<Integer> high = new ArrayList<>();
        for (int q = lane; q < n; q++) high.add(q);
        java.util.Collections.shuffle(high, rnd);
        int[] t = {high.get(0), high.get(1), high.get(2)};
        int sel = rnd.nextBoolean() ? high.get(3) : -1;
        CircuitBuilder b = Circuit.builder(n);
        boolean[] permuted = new boolean[n];
        int count = 6 + rnd.nextInt(12);
        for (int i = 0; i < count; i++) {
            int q = t[rnd.nextInt(3)];
            int kind = rnd.nextInt(8);
            if (kind < 3 && !permuted[q]) {
                switch (kind) {
                    case 0 -> {
                        if (rnd.nextBoolean()) b.ry(q, Expr.trainable("p" + rnd.nextInt(3)).times(Expr.input("x")).plus(rnd.nextGaussian()));
                        else b.ry(q, rnd.nextGaussian() * 3);
                    }
                    case 1 -> b.h(q);
                    default -> b.z(q);
                }
                continue;
            }
            int other = t[(java.util.Arrays.asList(t[0], t[1], t[2]).indexOf(q) + 1 + rnd.nextInt(2)) % 3];
            int control = sel >= 0 && rnd.nextBoolean() ? sel : other;
            switch (rnd.nextInt(4)) {
                case 0 -> { b.x(q); permuted[q] = true; }
                case 1 -> { b.cx(control, q); permuted[q] = true; permuted[control] = true; }
                case 2 -> { b.swap(q, other); permuted[q] = true; permuted[other] = true; }
                default -> {
                    int third = t[0] + t[1] + t[2] - q - other;
                    b.ccx(control == other ? third : other, control, q);
                    permuted[q] = permuted[other] = permuted[third] = permuted[control] = true;
                }
            }
        }
        return b.build();
    }

    @Test
    void randomTilesMatchGateByGateForSeveralBindings() {
        Random rnd = new Random(20261203);
        int made = 0;
        for (int trial = 0; trial < 300; trial++) {
            Circuit c = randomTile(rnd);
            RotationTiles.Plan plan = RotationTiles.plan(c.gates());
            if (plan == null) continue; // fewer than three targets changed, or two selectors
            made++;
            TileOp op = new TileOp(GateFuser.Block.of(c.gates()), plan);
            GatheredRunsTest.assertOpMatchesReference(op, c, rnd, TOL);
        }
        assertTrue(made > 100, "only " + made + " of 300 random runs formed a tile");
    }
}
