package org.qff.qnn.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Structure;

class NeighborListTest {

    /** One entry i→j as compared between strategies. */
    private record Entry(int i, int j, double dx, double dy, double dz, double r) {}

    private static List<Entry> entries(NeighborList nl) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < nl.atomCount(); i++) {
            for (int k = nl.start(i); k < nl.end(i); k++) {
                out.add(new Entry(i, nl.neighbor(k), nl.dx(k), nl.dy(k), nl.dz(k), nl.distance(k)));
            }
        }
        return out;
    }

    private static Structure randomGas(Random rnd, int n, double box, Cell cell) {
        double[] p = new double[3 * n];
        for (int k = 0; k < p.length; k++) p[k] = box * rnd.nextDouble() - (cell != null ? 0.3 * box : 0);
        int[] z = new int[n];
        java.util.Arrays.fill(z, 6);
        return new Structure(z, p, cell);
    }

    /**
     * The independent reference: every pair against every periodic image in a 5×5×5 block of
     * cells, keeping the shortest one; no rounding trick, no bins.
     */
    private static List<Entry> reference(Structure s, double rc) {
        List<Entry> out = new ArrayList<>();
        double[][] m = s.isPeriodic() ? s.cell().matrix() : null;
        int range = s.isPeriodic() ? 2 : 0;
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < s.size(); j++) {
                if (i == j) continue;
                double best = Double.POSITIVE_INFINITY;
                double[] bestD = null;
                for (int a = -range; a <= range; a++) for (int b = -range; b <= range; b++) for (int c = -range; c <= range; c++) {
                    double ddx = s.x(j) - s.x(i), ddy = s.y(j) - s.y(i), ddz = s.z(j) - s.z(i);
                    if (m != null) {
                        ddx += a * m[0][0] + b * m[1][0] + c * m[2][0];
                        ddy += a * m[0][1] + b * m[1][1] + c * m[2][1];
                        ddz += a * m[0][2] + b * m[1][2] + c * m[2][2];
                    }
                    double r = Math.sqrt(ddx * ddx + ddy * ddy + ddz * ddz);
                    if (r < best) {
                        best = r;
                        bestD = new double[] {ddx, ddy, ddz};
                    }
                }
                if (best < rc) out.add(new Entry(i, j, bestD[0], bestD[1], bestD[2], best));
            }
        }
        return out;
    }

    private static void assertSameEntries(List<Entry> expected, List<Entry> actual) {
        assertEquals(expected.size(), actual.size(), "number of entries");
        for (int t = 0; t < expected.size(); t++) {
            Entry e = expected.get(t), a = actual.get(t);
            assertEquals(e.i(), a.i(), "entry " + t);
            assertEquals(e.j(), a.j(), "entry " + t);
            // The reference adds lattice vectors to Cartesian differences, the list goes through
            // fractional coordinates: both are exact to a few ulps of the box size (~1e-14 Å).
            assertEquals(e.dx(), a.dx(), 1e-12);
            assertEquals(e.dy(), a.dy(), 1e-12);
            assertEquals(e.dz(), a.dz(), 1e-12);
            assertEquals(e.r(), a.r(), 1e-12);
        }
    }

    @Test
    void isolatedClusterMatchesReferenceForBothStrategies() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 5; trial++) {
            int n = 30 + rnd.nextInt(300);
            Structure s = randomGas(rnd, n, 6 + 10 * rnd.nextDouble(), null);
            double rc = 1.5 + 3 * rnd.nextDouble();
            List<Entry> ref = reference(s, rc);
            NeighborList brute = new NeighborList(rc, NeighborList.Strategy.BRUTE_FORCE);
            NeighborList cells = new NeighborList(rc, NeighborList.Strategy.CELL_LIST);
            brute.build(s);
            cells.build(s);
            assertSameEntries(ref, entries(brute));
            // Same arithmetic, same order: bitwise identical.
            assertEquals(entries(brute), entries(cells));
        }
    }

    @Test
    void periodicCellsIncludingTriclinicMatchReference() {
        Random rnd = new Random(2);
        Cell[] cells = {
            Cell.orthorhombic(9, 10, 11),
            Cell.orthorhombic(5.5, 12, 7), // one axis with only one or two bins
            new Cell(new double[] {10, 0, 0}, new double[] {3, 9, 0}, new double[] {-2, 2.5, 11}),
            new Cell(new double[] {8, 0.5, 0}, new double[] {-4, 8, 0.3}, new double[] {1, -3, 9}),
        };
        for (Cell cell : cells) {
            double minH = java.util.Arrays.stream(cell.heights()).min().orElseThrow();
            double rc = 0.49 * minH * (0.5 + 0.5 * rnd.nextDouble());
            Structure s = randomGas(rnd, 120, 14, cell); // positions also outside the cell: wrapping is tested
            List<Entry> ref = reference(s, rc);
            assertTrue(ref.size() > 100, "the test should see many pairs, saw " + ref.size());
            NeighborList brute = new NeighborList(rc, NeighborList.Strategy.BRUTE_FORCE);
            NeighborList cl = new NeighborList(rc, NeighborList.Strategy.CELL_LIST);
            brute.build(s);
            cl.build(s);
            assertSameEntries(ref, entries(brute));
            assertEquals(entries(brute), entries(cl), "cell list vs brute force in " + cell);
        }
    }

    @Test
    void autoSwitchesToCellListsForLargeSystemsWithSameResult() {
        Random rnd = new Random(3);
        Structure s = randomGas(rnd, 800, 25, Cell.orthorhombic(25, 25, 25));
        NeighborList auto = new NeighborList(3.0);
        NeighborList brute = new NeighborList(3.0, NeighborList.Strategy.BRUTE_FORCE);
        auto.build(s);
        brute.build(s);
        assertEquals(entries(brute), entries(auto));
    }

    @Test
    void rebuildReusesBuffersAndShrinks() {
        Random rnd = new Random(4);
        NeighborList nl = new NeighborList(2.5);
        nl.build(randomGas(rnd, 200, 8, null));
        int big = nl.size();
        Structure small = new Structure(new int[] {1, 1, 1}, new double[] {0, 0, 0, 1, 0, 0, 5, 0, 0});
        nl.build(small);
        assertTrue(big > nl.size());
        assertEquals(3, nl.atomCount());
        assertEquals(1, nl.count(0));
        assertEquals(1, nl.count(1));
        assertEquals(0, nl.count(2));
        assertEquals(1, nl.neighbor(nl.start(0)));
        assertEquals(-1.0, nl.dx(nl.start(1)), 0);
    }

    @Test
    void rebuildingAllocatesNothingOnceWarm() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Random rnd = new Random(6);
        Cell cell = new Cell(new double[] {14, 0, 0}, new double[] {2, 14, 0}, new double[] {0, 1, 14});
        Structure[] frames = {randomGas(rnd, 400, 14, cell), randomGas(rnd, 400, 14, cell), randomGas(rnd, 60, 8, null)};
        for (NeighborList.Strategy strategy : new NeighborList.Strategy[] {NeighborList.Strategy.BRUTE_FORCE, NeighborList.Strategy.CELL_LIST}) {
            NeighborList nl = new NeighborList(3.5, strategy);
            for (int w = 0; w < 20; w++) for (Structure f : frames) nl.build(f); // buffers grow to their final size
            long tid = Thread.currentThread().threadId();
            long before = mx.getThreadAllocatedBytes(tid);
            for (int rep = 0; rep < 50; rep++) for (Structure f : frames) nl.build(f);
            long perBuild = (mx.getThreadAllocatedBytes(tid) - before) / 150;
            // A single per-build array of 400 candidates or positions would be ≥ 1.6 kB; allow a little
            // for the interpreter's own bookkeeping before the JIT has compiled build().
            assertTrue(perBuild < 256, strategy + " allocates " + perBuild + " bytes per build");
        }
    }

    @Test
    void inPlaceSortMatchesArraysSort() {
        Random rnd = new Random(7);
        for (int m : new int[] {0, 1, 5, 32, 33, 100, 1000}) {
            int[] a = new int[m + 3];
            for (int k = 0; k < a.length; k++) a[k] = rnd.nextInt(500);
            int[] expected = a.clone();
            java.util.Arrays.sort(expected, 0, m);
            NeighborList.sortInPlace(a, m);
            assertArrayEquals(expected, a, "m = " + m);
        }
    }

    @Test
    void pairsAreSymmetric() {
        Random rnd = new Random(5);
        Structure s = randomGas(rnd, 60, 7, new Cell(new double[] {7, 0, 0}, new double[] {1, 7, 0}, new double[] {0, 1, 7}));
        NeighborList nl = new NeighborList(3.0);
        nl.build(s);
        for (Entry e : entries(nl)) {
            boolean found = false;
            for (int k = nl.start(e.j()); k < nl.end(e.j()); k++) {
                if (nl.neighbor(k) == e.i()) {
                    assertArrayEquals(new double[] {-e.dx(), -e.dy(), -e.dz()}, new double[] {nl.dx(k), nl.dy(k), nl.dz(k)}, 1e-12);
                    found = true;
                }
            }
            assertTrue(found, "pair " + e.i() + "," + e.j() + " has no reverse entry");
        }
    }

    @Test
    void rejectsCutoffTooLargeForCell() {
        Structure s = new Structure(new int[] {1}, new double[] {0, 0, 0}, Cell.orthorhombic(10, 5, 10));
        NeighborList nl = new NeighborList(2.6);
        nl.build(new Structure(new int[] {1, 1}, new double[] {0, 0, 0, 1, 0, 0}));
        var ex = assertThrows(IllegalArgumentException.class, () -> nl.build(s));
        assertTrue(ex.getMessage().contains("2.6") && ex.getMessage().contains("lattice vector b"), ex.getMessage());
        assertEquals(0, nl.atomCount(), "a failed build leaves an empty list");
        assertEquals(0, nl.size());
        assertThrows(IllegalArgumentException.class, () -> new NeighborList(-1));
        assertThrows(IllegalArgumentException.class, () -> new NeighborList(Double.NaN));
    }

    @Test
    void minimumDistanceNamesBothAtomsAndDistance() {
        Structure ok = new Structure(new int[] {1, 1, 8}, new double[] {0, 0, 0, 0.74, 0, 0, 0, 3, 0});
        MinimumDistance.check(ok);
        Structure bad = new Structure(new int[] {1, 1, 8, 8}, new double[] {0, 0, 0, 0.74, 0, 0, 0, 3, 0, 0.05, 3, 0});
        var ex = assertThrows(IllegalArgumentException.class, () -> MinimumDistance.check(bad));
        assertTrue(ex.getMessage().contains("atoms 2 and 3") && ex.getMessage().contains("0.05"), ex.getMessage());
        // Across a periodic boundary: 0.05 Å apart through the face at x = 10.
        Structure wrap = new Structure(new int[] {1, 1}, new double[] {0.02, 1, 1, 9.97, 1, 1}, Cell.orthorhombic(10, 10, 10));
        var ex2 = assertThrows(IllegalArgumentException.class, () -> MinimumDistance.check(wrap));
        assertTrue(ex2.getMessage().contains("atoms 0 and 1"), ex2.getMessage());
    }
}
