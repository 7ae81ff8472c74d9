package org.qff.qnn.neighbors;

import java.util.Arrays;
import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Structure;

/**
 * The full neighbour list of a structure within a cutoff: for every atom i, the atoms j ≠ i with
 * |r_ij| &lt; cutoff, where r_ij = r_j − r_i (the minimum image in a periodic cell), in increasing
 * order of j. Each pair appears twice (i→j and j→i, with opposite displacements).
 *
 * <p>Storage is compressed-row: the neighbours of atom i occupy entries {@code start(i)} to
 * {@code end(i) − 1}; entry k holds the neighbour index, the displacement components and the
 * distance. {@link #build} reuses its buffers, so rebuilding for the same or a smaller system
 * (an MD step) allocates nothing once the buffers have grown.
 *
 * <p>Small systems are searched by brute force (all pairs); beyond {@link #CELL_LIST_THRESHOLD}
 * atoms, by cell lists (bins at least one cutoff wide, only the 27 surrounding bins searched).
 * Both give identical entries in identical order, since both compute each displacement the
 * same way and list neighbours sorted by index.
 *
 * <p>Periodic cells use the minimum-image convention, which is exact only when the cutoff is
 * below half of every cell height (then at most one image of an atom lies within the cutoff,
 * and it is the one with fractional displacement components in [−½, ½]); a larger cutoff is
 * rejected.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class NeighborList {
    /** Above this many atoms {@link Strategy#AUTO} uses cell lists. */
    public static final int CELL_LIST_THRESHOLD = 200;

    /** How candidate pairs are found. */
    public enum Strategy { AUTO, BRUTE_FORCE, CELL_LIST }

    private final double cutoff;
    private final Strategy strategy;

    private int atoms;
    private int[] start = new int[1];
    private int[] neighbor = new int[0];
    private double[] dx = new double[0];
    private double[] dy = new double[0];
    private double[] dz = new double[0];
    private double[] dist = new double[0];

    // Scratch reused between builds.
    private double[] pos = new double[0];
    private double[] frac = new double[0];
    private final double[][] recip = new double[3][3];
    private final double[][] lattice = new double[3][3];
    private final double[] heights = new double[3];
    private Cell preparedCell; // the cell whose lattice, reciprocal and heights are cached
    private boolean periodic;
    // The last displacement computed by displacement(i, j): scratch, so the hot loop allocates nothing.
    private double ddx, ddy, ddz;
    private final int[] nb = new int[3];
    private final double[] lo = new double[3];
    private final double[] width = new double[3];
    private int[] binOf = new int[0];
    private int[] binStart = new int[1];
    private int[] binAtoms = new int[0];
    private int[] candidates = new int[0];

    public NeighborList(double cutoff) {
        this(cutoff, Strategy.AUTO);
    }

    public NeighborList(double cutoff, Strategy strategy) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) throw new IllegalArgumentException("cutoff must be positive and finite, got " + cutoff);
        this.cutoff = cutoff;
        this.strategy = strategy;
    }

    public double cutoff() { return cutoff; }

    /**
     * Rebuilds the list for a structure.
     *
     * @throws IllegalArgumentException when the structure is periodic and the cutoff is not below
     *     half of every cell height
     */
    public void build(Structure s) {
        int n = s.size();
        atoms = 0; // a build that throws leaves an empty list, not a stale one
        if (pos.length < 3 * n) pos = new double[3 * n];
        s.copyPositions(pos);
        periodic = s.isPeriodic();
        if (periodic) preparePeriodic(s.cell(), n);
        if (start.length < n + 1) start = new int[n + 1];
        boolean cells = strategy == Strategy.CELL_LIST || (strategy == Strategy.AUTO && n > CELL_LIST_THRESHOLD);
        if (cells) buildCellList(n);
        else buildBruteForce(n);
        atoms = n;
    }

    private void preparePeriodic(Cell cell, int n) {
        if (cell != preparedCell) { // an MD run keeps one Cell: derive its matrices once
            double[] h = cell.heights();
            for (int k = 0; k < 3; k++) {
                if (2 * cutoff >= h[k]) {
                    throw new IllegalArgumentException("cutoff " + cutoff + " Å is not below half the cell height " + h[k] + " Å along lattice vector "
                            + "abc".charAt(k) + " (minimum image would miss or double-count neighbours)");
                }
            }
            double[][] r = cell.reciprocal();
            double[][] m = cell.matrix();
            for (int k = 0; k < 3; k++) {
                System.arraycopy(r[k], 0, recip[k], 0, 3);
                System.arraycopy(m[k], 0, lattice[k], 0, 3);
                heights[k] = h[k];
            }
            preparedCell = cell;
        }
        if (frac.length < 3 * n) frac = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double x = pos[3 * i], y = pos[3 * i + 1], z = pos[3 * i + 2];
            for (int k = 0; k < 3; k++) frac[3 * i + k] = x * recip[k][0] + y * recip[k][1] + z * recip[k][2];
        }
    }

    private void buildBruteForce(int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            start[i] = count;
            for (int j = 0; j < n; j++) {
                if (j != i) count = addIfWithin(i, j, count);
            }
        }
        start[n] = count;
    }

    /** Whether j is within the cutoff of i, by exactly the arithmetic of {@link #addIfWithin}. */
    private boolean within(int i, int j) {
        return displacement(i, j) < cutoff * cutoff;
    }

    /**
     * r_j − r_i (minimum image in a periodic cell) into {@link #ddx}, {@link #ddy}, {@link #ddz};
     * returns its squared length. One routine for both the check and the append, so they can
     * never disagree about a pair at the cutoff.
     */
    private double displacement(int i, int j) {
        if (periodic) {
            double f0 = frac[3 * j] - frac[3 * i], f1 = frac[3 * j + 1] - frac[3 * i + 1], f2 = frac[3 * j + 2] - frac[3 * i + 2];
            f0 -= Math.rint(f0);
            f1 -= Math.rint(f1);
            f2 -= Math.rint(f2);
            ddx = f0 * lattice[0][0] + f1 * lattice[1][0] + f2 * lattice[2][0];
            ddy = f0 * lattice[0][1] + f1 * lattice[1][1] + f2 * lattice[2][1];
            ddz = f0 * lattice[0][2] + f1 * lattice[1][2] + f2 * lattice[2][2];
        } else {
            ddx = pos[3 * j] - pos[3 * i];
            ddy = pos[3 * j + 1] - pos[3 * i + 1];
            ddz = pos[3 * j + 2] - pos[3 * i + 2];
        }
        return ddx * ddx + ddy * ddy + ddz * ddz;
    }

    /** Sorts a[0..m) ascending without allocating: insertion sort for short runs, heapsort beyond. */
    static void sortInPlace(int[] a, int m) {
        if (m <= 32) {
            for (int t = 1; t < m; t++) {
                int v = a[t], u = t - 1;
                while (u >= 0 && a[u] > v) {
                    a[u + 1] = a[u];
                    u--;
                }
                a[u + 1] = v;
            }
            return;
        }
        for (int root = m / 2 - 1; root >= 0; root--) siftDown(a, root, m);
        for (int end = m - 1; end > 0; end--) {
            int t = a[0];
            a[0] = a[end];
            a[end] = t;
            siftDown(a, 0, end);
        }
    }

    private static void siftDown(int[] a, int root, int size) {
        int v = a[root];
        while (true) {
            int child = 2 * root + 1;
            if (child >= size) break;
            if (child + 1 < size && a[child + 1] > a[child]) child++;
            if (a[child] <= v) break;
            a[root] = a[child];
            root = child;
        }
        a[root] = v;
    }

    /** Appends pair i→j at entry {@code count} when within the cutoff; returns the new count. */
    private int addIfWithin(int i, int j, int count) {
        double r2 = displacement(i, j);
        if (r2 >= cutoff * cutoff) return count;
        if (count == neighbor.length) grow();
        neighbor[count] = j;
        dx[count] = ddx;
        dy[count] = ddy;
        dz[count] = ddz;
        dist[count] = Math.sqrt(r2);
        return count + 1;
    }

    private void grow() {
        int cap = Math.max(64, 2 * neighbor.length);
        neighbor = Arrays.copyOf(neighbor, cap);
        dx = Arrays.copyOf(dx, cap);
        dy = Arrays.copyOf(dy, cap);
        dz = Arrays.copyOf(dz, cap);
        dist = Arrays.copyOf(dist, cap);
    }

    private void buildCellList(int n) {
        // Bin coordinates: fractional for periodic cells (bins along each lattice vector at least
        // one cutoff apart in the perpendicular direction), Cartesian for isolated systems.
        // Bins must be at least one cutoff wide; more than ~2 per atom only costs memory and time
        // (a 0.1 Å distance check in a 20 Å box would otherwise ask for 200³ bins).
        int cap = Math.max(3, (int) Math.ceil(Math.cbrt(2.0 * n)));
        if (periodic) {
            for (int k = 0; k < 3; k++) {
                nb[k] = Math.max(1, Math.min(cap, (int) Math.floor(heights[k] / cutoff)));
                width[k] = 1.0 / nb[k];
            }
        } else {
            for (int k = 0; k < 3; k++) {
                double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    mn = Math.min(mn, pos[3 * i + k]);
                    mx = Math.max(mx, pos[3 * i + k]);
                }
                if (n == 0) mn = mx = 0;
                lo[k] = mn;
                nb[k] = (int) Math.max(1, Math.min(cap, Math.floor((mx - mn) / cutoff)));
                width[k] = Math.max((mx - mn) / nb[k], cutoff);
            }
        }
        int bins = nb[0] * nb[1] * nb[2];
        if (binStart.length < bins + 1) binStart = new int[bins + 1];
        Arrays.fill(binStart, 0, bins + 1, 0);
        if (binOf.length < n) binOf = new int[n];
        if (binAtoms.length < n) binAtoms = new int[n];
        if (candidates.length < n) candidates = new int[n];
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int k = 0; k < 3; k++) {
                double c = periodic ? frac[3 * i + k] - Math.floor(frac[3 * i + k]) : pos[3 * i + k] - lo[k];
                int idx = (int) Math.floor(c / width[k]);
                idx = Math.min(nb[k] - 1, Math.max(0, idx));
                b = b * nb[k] + idx;
            }
            binOf[i] = b;
            binStart[b + 1]++;
        }
        for (int b = 0; b < bins; b++) binStart[b + 1] += binStart[b];
        // Counting sort of atoms by bin; binOf is reused as a fill cursor afterwards.
        for (int i = 0; i < n; i++) binAtoms[binStart[binOf[i]]++] = i;
        for (int b = bins; b > 0; b--) binStart[b] = binStart[b - 1];
        binStart[0] = 0;

        int count = 0;
        for (int i = 0; i < n; i++) {
            start[i] = count;
            int b = binOf[i];
            int b2 = b % nb[2], b1 = (b / nb[2]) % nb[1], b0 = b / (nb[1] * nb[2]);
            int nc = 0;
            for (int o0 = -1; o0 <= 1; o0++) {
                int c0 = neighbourBin(b0, o0, nb[0]);
                if (c0 < 0 || (nb[0] < 3 && duplicateOffset(o0, nb[0]))) continue;
                for (int o1 = -1; o1 <= 1; o1++) {
                    int c1 = neighbourBin(b1, o1, nb[1]);
                    if (c1 < 0 || (nb[1] < 3 && duplicateOffset(o1, nb[1]))) continue;
                    for (int o2 = -1; o2 <= 1; o2++) {
                        int c2 = neighbourBin(b2, o2, nb[2]);
                        if (c2 < 0 || (nb[2] < 3 && duplicateOffset(o2, nb[2]))) continue;
                        int cb = (c0 * nb[1] + c1) * nb[2] + c2;
                        for (int t = binStart[cb]; t < binStart[cb + 1]; t++) {
                            int j = binAtoms[t];
                            if (j != i) candidates[nc++] = j;
                        }
                    }
                }
            }
            // Keep the candidates within the cutoff, sort them by index (in place: Arrays.sort would
            // allocate a merge buffer for the sorted runs that bins produce), then record them.
            int m = 0;
            for (int t = 0; t < nc; t++) {
                if (within(i, candidates[t])) candidates[m++] = candidates[t];
            }
            sortInPlace(candidates, m);
            for (int t = 0; t < m; t++) count = addIfWithin(i, candidates[t], count);
        }
        start[n] = count;
    }

    /** The bin index at offset o from b, wrapping when periodic; −1 outside an isolated system's grid. */
    private int neighbourBin(int b, int o, int nbins) {
        int c = b + o;
        if (periodic) return Math.floorMod(c, nbins);
        return c < 0 || c >= nbins ? -1 : c;
    }

    /** With fewer than three periodic bins the offsets −1, 0, +1 reach the same bin twice: keep each bin once. */
    private boolean duplicateOffset(int o, int nbins) {
        if (!periodic) return false;
        if (nbins == 1) return o != 0;
        return o == 1; // nbins == 2: −1 and +1 are the same bin
    }

    /** Number of atoms of the last build. */
    public int atomCount() { return atoms; }

    /** First entry of atom i's neighbours. */
    public int start(int i) { return start[i]; }

    /** One past the last entry of atom i's neighbours. */
    public int end(int i) { return start[i + 1]; }

    /** Number of neighbours of atom i. */
    public int count(int i) { return start[i + 1] - start[i]; }

    /** Total number of entries (twice the number of pairs). */
    public int size() { return start[atoms]; }

    /** Neighbour index j of entry k. */
    public int neighbor(int k) { return neighbor[k]; }

    /** x component of r_ij = r_j − r_i of entry k (Å). */
    public double dx(int k) { return dx[k]; }

    public double dy(int k) { return dy[k]; }

    public double dz(int k) { return dz[k]; }

    /** |r_ij| of entry k (Å). */
    public double distance(int k) { return dist[k]; }
}
