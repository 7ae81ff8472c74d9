package org.qff.qnn.atoms;

/**
 * A periodic cell given by three lattice vectors (rows of a 3×3 matrix, Å).
 */
public record Cell(double[] a, double[] b, double[] c) {

    public Cell {
        for (double[] v : new double[][] {a, b, c}) {
            if (v.length != 3) throw new IllegalArgumentException("a lattice vector needs 3 components, got " + v.length);
            for (double x : v) if (!Double.isFinite(x)) throw new IllegalArgumentException("non-finite lattice vector component " + x);
        }
        a = a.clone();
        b = b.clone();
        c = c.clone();
        if (Math.abs(volume(a, b, c)) < 1e-9) throw new IllegalArgumentException("cell volume is zero");
    }

    // Copies out, so that a Cell (and what neighbour lists cache about it) cannot change.
    @Override
    public double[] a() { return a.clone(); }

    @Override
    public double[] b() { return b.clone(); }

    @Override
    public double[] c() { return c.clone(); }

    public static Cell orthorhombic(double lx, double ly, double lz) {
        return new Cell(new double[] {lx, 0, 0}, new double[] {0, ly, 0}, new double[] {0, 0, lz});
    }

    public double volume() { return volume(a, b, c); }

    private static double volume(double[] a, double[] b, double[] c) {
        return a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
    }

    /**
     * The distance between opposite faces of the cell along each lattice direction (Å): the
     * volume divided by the area of the face spanned by the other two vectors. A sphere of
     * radius r fits in the cell without touching its own images when 2r is below all three.
     */
    public double[] heights() {
        double v = Math.abs(volume());
        return new double[] {v / norm(cross(b, c)), v / norm(cross(c, a)), v / norm(cross(a, b))};
    }

    /**
     * The reciprocal vectors without the 2π (rows): fractional coordinate k of a Cartesian
     * point r is r · reciprocal[k].
     */
    public double[][] reciprocal() {
        double v = volume();
        double[] ra = cross(b, c), rb = cross(c, a), rc = cross(a, b);
        for (int k = 0; k < 3; k++) {
            ra[k] /= v;
            rb[k] /= v;
            rc[k] /= v;
        }
        return new double[][] {ra, rb, rc};
    }

    private static double[] cross(double[] u, double[] w) {
        return new double[] {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
    }

    private static double norm(double[] u) {
        return Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
    }

    /** Rows as a 3×3 array. */
    public double[][] matrix() {
        return new double[][] {a.clone(), b.clone(), c.clone()};
    }
}
