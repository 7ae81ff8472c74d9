package org.qff.qnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {
    /** 1000 frames whose energy is the frame index: subsets reveal which frames they took. */
    private static Dataset indexed(int frames) {
        double[][] p = new double[frames][3];
        double[][] f = new double[frames][3];
        double[] e = new double[frames];
        for (int k = 0; k < frames; k++) e[k] = k;
        return new Dataset("indexed", new int[] {18}, p, e, f);
    }

    @Test
    void commonProtocolIsDisjointCompleteAndReproducible() {
        Dataset d = indexed(1000);
        Splits.TrainValidation a = Splits.trainValidation(d, 950, 50, 42);
        assertEquals(950, a.train().size());
        assertEquals(50, a.validation().size());
        Set<Double> seen = new HashSet<>();
        for (int k = 0; k < 950; k++) seen.add(a.train().energy(k));
        for (int k = 0; k < 50; k++) assertTrue(seen.add(a.validation().energy(k)), "frame in both parts");
        assertEquals(1000, seen.size());
        Splits.TrainValidation b = Splits.trainValidation(d, 950, 50, 42);
        assertArrayEquals(a.validation().energies(), b.validation().energies(), 0);
        Splits.TrainValidation c = Splits.trainValidation(d, 950, 50, 43);
        assertFalse(java.util.Arrays.equals(a.validation().energies(), c.validation().energies()));
        // java.util.Random's sequence is fixed by its specification. The expected permutations were
        // computed by an independent Python re-implementation of Random (48-bit LCG, nextInt with
        // rejection) and the same Fisher–Yates loop: a change of the shuffle, which would silently
        // change every split, fails here.
        assertArrayEquals(new int[] {6, 9, 7, 8, 4, 2, 0, 3, 1, 5}, Splits.shuffled(10, 1));
        assertArrayEquals(new int[] {572, 653, 636, 6, 892, 569, 525, 905}, java.util.Arrays.copyOf(Splits.shuffled(1000, 42), 8));
    }

    @Test
    void shuffleIsAPermutation() {
        int[] p = Splits.shuffled(257, 9);
        boolean[] hit = new boolean[257];
        for (int v : p) hit[v] = true;
        for (boolean h : hit) assertTrue(h);
    }

    @Test
    void subsetHeadAndErrors() {
        Dataset d = indexed(10);
        Dataset s = d.subset(new int[] {9, 2, 2}, "pick");
        assertArrayEquals(new double[] {9, 2, 2}, s.energies(), 0);
        assertEquals(3, d.head(3).size());
        var e1 = assertThrows(IllegalArgumentException.class, () -> d.subset(new int[] {1, 10}, "pick"));
        assertTrue(e1.getMessage().contains("index 10") && e1.getMessage().contains("entry 1"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Splits.trainValidation(d, 9, 2, 1));
        assertTrue(e2.getMessage().contains("10 frames"), e2.getMessage());
        assertEquals(4, Splits.sample(d, 4, 3).size());
    }
}
