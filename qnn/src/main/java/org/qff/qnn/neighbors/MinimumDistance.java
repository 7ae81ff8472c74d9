package org.qff.qnn.neighbors;

import org.qff.qnn.atoms.Structure;

/**
 * Rejects structures with atoms so close that no potential here gives a meaningful answer:
 * two atoms closer than {@link #DEFAULT_MIN_DISTANCE} (or a caller's limit) is almost always a
 * corrupted input (duplicated atom, unit mix-up), not physics.
 */
public final class MinimumDistance {
    private MinimumDistance() {}

    /** 0.1 Å: far inside any real bond (H₂ is 0.74 Å). */
    public static final double DEFAULT_MIN_DISTANCE = 0.1;

    /** {@link #check(Structure, double)} with 0.1 Å. */
    public static void check(Structure s) {
        check(s, DEFAULT_MIN_DISTANCE);
    }

    /**
     * Throws naming both atom indices and their distance when two atoms (minimum image in a
     * periodic cell) are closer than {@code minDistance}.
     *
     * @throws IllegalArgumentException for the first such pair in atom order
     */
    public static void check(Structure s, double minDistance) {
        if (s.size() < 2) return;
        NeighborList list = new NeighborList(minDistance);
        list.build(s);
        for (int i = 0; i < s.size(); i++) {
            for (int k = list.start(i); k < list.end(i); k++) {
                int j = list.neighbor(k);
                if (j > i) {
                    throw new IllegalArgumentException("atoms " + i + " and " + j + " are " + list.distance(k) + " Å apart (closer than "
                            + minDistance + " Å)");
                }
            }
        }
    }
}
