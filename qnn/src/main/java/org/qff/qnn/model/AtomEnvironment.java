package org.qff.qnn.model;

/**
 * One atom's neighbourhood as a model sees it: the centre, its species slot, and the neighbours
 * within the cutoff with displacement r_ij = r_j − r_i (Å), distance and species slot. Mutable
 * scratch, refilled per atom by {@link Environments}; a model must not keep a reference.
 */
public final class AtomEnvironment {
    int center;
    int centerSpecies;
    int count;
    int[] atom = new int[8];
    int[] species = new int[8];
    double[] dx = new double[8], dy = new double[8], dz = new double[8], r = new double[8];

    public int center() { return center; }

    /** Index of the centre's element in the model's species list. */
    public int centerSpecies() { return centerSpecies; }

    public int count() { return count; }

    public int atom(int k) { return atom[k]; }

    public int species(int k) { return species[k]; }

    public double dx(int k) { return dx[k]; }

    public double dy(int k) { return dy[k]; }

    public double dz(int k) { return dz[k]; }

    public double r(int k) { return r[k]; }

    void ensure(int n) {
        if (atom.length >= n) return;
        int m = Math.max(n, 2 * atom.length);
        atom = java.util.Arrays.copyOf(atom, m);
        species = java.util.Arrays.copyOf(species, m);
        dx = java.util.Arrays.copyOf(dx, m);
        dy = java.util.Arrays.copyOf(dy, m);
        dz = java.util.Arrays.copyOf(dz, m);
        r = java.util.Arrays.copyOf(r, m);
    }

    void add(int j, int sp, double x, double y, double z, double d) {
        ensure(count + 1);
        atom[count] = j;
        species[count] = sp;
        dx[count] = x;
        dy[count] = y;
        dz[count] = z;
        r[count] = d;
        count++;
    }

    /** Sorts neighbours by distance, ties by atom index (the slot order of the baseline architecture). */
    void sortByDistance() {
        for (int a = 1; a < count; a++) {
            for (int b = a; b > 0 && (r[b] < r[b - 1] || (r[b] == r[b - 1] && atom[b] < atom[b - 1])); b--) swap(b, b - 1);
        }
    }

    private void swap(int a, int b) {
        int t = atom[a]; atom[a] = atom[b]; atom[b] = t;
        t = species[a]; species[a] = species[b]; species[b] = t;
        double d = dx[a]; dx[a] = dx[b]; dx[b] = d;
        d = dy[a]; dy[a] = dy[b]; dy[b] = d;
        d = dz[a]; dz[a] = dz[b]; dz[b] = d;
        d = r[a]; r[a] = r[b]; r[b] = d;
    }
}
