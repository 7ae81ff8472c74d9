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

    /** Reused per thread: periodic MD checks every step. */
    private static final ThreadLocal<NeighborList> DEFAULT_LISTS = ThreadLocal.withInitial(() -> new NeighborList(DEFAULT_MIN_DISTANCE));

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
        if (!s.isPeriodic() && s.size() <= NeighborList.CELL_LIST_THRESHOLD) {
            checkAllPairs(s, minDistance); // no allocation: potentials call this on every evaluation
            return;
        }
        NeighborList list = minDistance == DEFAULT_MIN_DISTANCE ? DEFAULT_LISTS.get() : new NeighborList(minDistance);
        list.build(s);
        for (int i = 0; i < s.size(); i++) {
            for (int k = list.start(i); k < list.end(i); k++) {
                int j = list.neighbor(k);
                if (j > i) {
                    throw tooClose(i, j, list.distance(k), minDistance);
                }
            }
        }
    }

    private static void checkAllPairs(Structure s, double minDistance) {
        double min2 = minDistance * minDistance;
        for (int i = 0; i < s.size(); i++) {
            double xi = s.x(i), yi = s.y(i), zi = s.z(i);
            for (int j = i + 1; j < s.size(); j++) {
                double dx = s.x(j) - xi, dy = s.y(j) - yi, dz = s.z(j) - zi;
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < min2) throw tooClose(i, j, Math.sqrt(r2), minDistance);
            }
        }
    }

    private static IllegalArgumentException tooClose(int i, int j, double r, double minDistance) {
        return new IllegalArgumentException("atoms " + i + " and " + j + " are " + r + " Å apart (closer than " + minDistance + " Å)");
    }
}
