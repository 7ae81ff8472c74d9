package org.qff.qnn.descriptor;

import java.util.Arrays;

/**
 * FFLUX-style atomic-local-frame features of one atom and their exact Cartesian derivatives.
 *
 * <p>The frame: origin at the centre atom i, x̂ towards the x-axis atom a, ŷ in the plane of a and
 * the xy-plane atom b (on b's side), ẑ = x̂ × ŷ. Features: |R_a − R_i|, |R_b − R_i|, the angle
 * a–i–b, then for every other atom j (frame order) the coordinates of R_j − R_i in that frame:
 * Cartesian (x, y, z); distance and direction (r, x/r, y/r, z/r); or spherical (r, θ, φ) with θ the
 * polar angle from ẑ in [0, π] and φ = atan2(y, x) in (−π, π] (see {@link AlfCoordinates} for why
 * the default is not spherical).
 * All features are invariant under rotations and translations of the whole molecule.
 *
 * <p>Stateless; thread-safe.
 */
public final class AlfDescriptor {
    private AlfDescriptor() {}

    /** Atoms closer than this (Å) to the centre make the frame meaningless. */
    static final double MIN_DISTANCE = 1e-3;
    /** sin of the a–i–b angle below this: the frame atoms are collinear and ŷ is undefined. */
    static final double MIN_SIN = 1e-6;
    /** Distance (Å) from the local z axis below which φ is undefined. */
    static final double MIN_RHO = 1e-9;

    /**
     * Fills {@code features} (length {@link LocalFrame#dimension()}) and, when non-null, {@code jacobian}
     * (row-major D × 3N, ∂feature_k/∂R_m at k·3N + m) for the structure's flat positions.
     *
     * @throws IllegalArgumentException when the geometry makes the frame undefined, naming the atoms
     */
    public static void compute(double[] positions, LocalFrame f, double[] features, double[] jacobian) {
        int n3 = positions.length;
        int dim = f.dimension();
        if (jacobian != null) Arrays.fill(jacobian, 0, dim * n3, 0.0);
        int i = f.centre(), a = f.xAxisAtom(), b = f.xyPlaneAtom();
        double[] va = diff(positions, a, i), vb = diff(positions, b, i);
        double ra = norm(va), rb = norm(vb);
        if (ra < MIN_DISTANCE) throw new IllegalArgumentException("atoms " + i + " and " + a + " coincide (" + ra + " Å apart)");
        if (rb < MIN_DISTANCE) throw new IllegalArgumentException("atoms " + i + " and " + b + " coincide (" + rb + " Å apart)");
        double[] ex = scale(va, 1 / ra), eb = scale(vb, 1 / rb);
        double cos = dot(ex, eb);
        double sin = norm(cross(ex, eb));
        if (sin < MIN_SIN) {
            throw new IllegalArgumentException("local frame of atom " + i + " is undefined: atoms " + a + ", " + i + ", " + b
                    + " are collinear");
        }
        features[0] = ra;
        features[1] = rb;
        features[2] = Math.atan2(sin, cos);
        if (jacobian != null) {
            put(jacobian, n3, 0, a, ex, 1);
            put(jacobian, n3, 0, i, ex, -1);
            put(jacobian, n3, 1, b, eb, 1);
            put(jacobian, n3, 1, i, eb, -1);
            // dθ = −dcos/sin; dcos/dva = (ê_b − cos ê_x)/r_a and symmetrically for vb
            double[] ga = new double[3], gb = new double[3];
            for (int m = 0; m < 3; m++) {
                ga[m] = -(eb[m] - cos * ex[m]) / (ra * sin);
                gb[m] = -(ex[m] - cos * eb[m]) / (rb * sin);
            }
            put(jacobian, n3, 2, a, ga, 1);
            put(jacobian, n3, 2, b, gb, 1);
            put(jacobian, n3, 2, i, ga, -1);
            put(jacobian, n3, 2, i, gb, -1);
        }
        double c = dot(vb, ex);
        double[] w = new double[3];
        for (int m = 0; m < 3; m++) w[m] = vb[m] - c * ex[m];
        double rw = norm(w);
        double[] ey = scale(w, 1 / rw);
        double[] ez = cross(ex, ey);

        // Frame-vector Jacobians, M[p][q] = ∂e_p/∂v_q (row-major 3×3).
        double[] jxa = new double[9], jya = null, jyb = null, jza = null, jzb = null;
        if (jacobian != null) {
            for (int p = 0; p < 3; p++) for (int q = 0; q < 3; q++) jxa[3 * p + q] = ((p == q ? 1 : 0) - ex[p] * ex[q]) / ra;
            double[] py = new double[9], dwdex = new double[9], proj = new double[9];
            for (int p = 0; p < 3; p++) {
                for (int q = 0; q < 3; q++) {
                    py[3 * p + q] = ((p == q ? 1 : 0) - ey[p] * ey[q]) / rw;
                    dwdex[3 * p + q] = -(ex[p] * vb[q] + (p == q ? c : 0));
                    proj[3 * p + q] = (p == q ? 1 : 0) - ex[p] * ex[q];
                }
            }
            jya = mul(py, mul(dwdex, jxa));
            jyb = mul(py, proj);
            jza = sub(mul(crossMatrix(ex), jya), mul(crossMatrix(ey), jxa));
            jzb = mul(crossMatrix(ex), jyb);
        }
        AlfCoordinates coordinates = f.coordinates();
        int width = coordinates.perAtom();
        int[] others = f.others();
        // scratch reused for every other atom: this runs once per atom pair per MD step, and allocating
        // these per pair cost as much as the rest of the step
        double[] d = new double[3], dxa = new double[3], dya = new double[3], dza = new double[3], dyb = new double[3], dzb = new double[3];
        double[][] local = new double[4][3];
        for (int k = 0; k < others.length; k++) {
            int j = others[k];
            for (int m = 0; m < 3; m++) d[m] = positions[3 * j + m] - positions[3 * i + m];
            double x = dot(d, ex), y = dot(d, ey), z = dot(d, ez);
            double rho2 = x * x + y * y;
            double r = Math.sqrt(rho2 + z * z);
            if (r < MIN_DISTANCE) throw new IllegalArgumentException("atoms " + i + " and " + j + " coincide (" + r + " Å apart)");
            int row = 3 + width * k;
            // rows of `local` from `first` on: the gradients of features row + first … with respect to (x, y, z)
            int first;
            if (coordinates == AlfCoordinates.CARTESIAN) {
                features[row] = x;
                features[row + 1] = y;
                features[row + 2] = z;
                if (jacobian == null) continue;
                first = 0;
                set(local[0], 1, 0, 0);
                set(local[1], 0, 1, 0);
                set(local[2], 0, 0, 1);
            } else if (coordinates == AlfCoordinates.DIRECTION) {
                double ux = x / r, uy = y / r, uz = z / r;
                features[row] = r;
                features[row + 1] = ux;
                features[row + 2] = uy;
                features[row + 3] = uz;
                if (jacobian == null) continue;
                put(jacobian, n3, row, j, d, 1 / r);
                put(jacobian, n3, row, i, d, -1 / r);
                // ∂û/∂(x, y, z) = (1 − û ûᵀ)/r, row by row
                first = 1;
                set(local[1], (1 - ux * ux) / r, -ux * uy / r, -ux * uz / r);
                set(local[2], -uy * ux / r, (1 - uy * uy) / r, -uy * uz / r);
                set(local[3], -uz * ux / r, -uz * uy / r, (1 - uz * uz) / r);
            } else {
                double rho = Math.sqrt(rho2), r2 = r * r;
                if (rho < MIN_RHO) {
                    throw new IllegalArgumentException("atom " + j + " lies on the local z axis of atom " + i + "; its azimuth is undefined");
                }
                features[row] = r;
                features[row + 1] = Math.atan2(rho, z);
                features[row + 2] = Math.atan2(y, x);
                if (jacobian == null) continue;
                put(jacobian, n3, row, j, d, 1 / r);
                put(jacobian, n3, row, i, d, -1 / r);
                first = 1;
                set(local[1], x * z / (rho * r2), y * z / (rho * r2), -rho / r2);
                set(local[2], -y / rho2, x / rho2, 0);
            }
            mulT(jxa, d, dxa);
            mulT(jya, d, dya);
            mulT(jza, d, dza);
            mulT(jyb, d, dyb);
            mulT(jzb, d, dzb);
            // a feature g·(x, y, z) of the local coordinates: g·(e_x, e_y, e_z) for atom j, the frame vectors' own
            // dependence on atoms a and b through d·∂e/∂v, and minus all of it for the centre
            for (int s = first; s < width; s++) {
                double[] g = local[s];
                int fr = row + s;
                for (int m = 0; m < 3; m++) {
                    double gj = g[0] * ex[m] + g[1] * ey[m] + g[2] * ez[m];
                    double gA = g[0] * dxa[m] + g[1] * dya[m] + g[2] * dza[m];
                    double gB = g[1] * dyb[m] + g[2] * dzb[m];
                    jacobian[fr * n3 + 3 * j + m] += gj;
                    jacobian[fr * n3 + 3 * a + m] += gA;
                    jacobian[fr * n3 + 3 * b + m] += gB;
                    jacobian[fr * n3 + 3 * i + m] -= gj + gA + gB;
                }
            }
        }
    }

    private static void set(double[] v, double x, double y, double z) {
        v[0] = x;
        v[1] = y;
        v[2] = z;
    }

    private static void put(double[] jac, int n3, int row, int atom, double[] g, double factor) {
        int o = row * n3 + 3 * atom;
        jac[o] += factor * g[0];
        jac[o + 1] += factor * g[1];
        jac[o + 2] += factor * g[2];
    }

    private static double[] diff(double[] p, int to, int from) {
        return new double[] {p[3 * to] - p[3 * from], p[3 * to + 1] - p[3 * from + 1], p[3 * to + 2] - p[3 * from + 2]};
    }

    private static double dot(double[] u, double[] v) { return u[0] * v[0] + u[1] * v[1] + u[2] * v[2]; }

    private static double norm(double[] u) { return Math.sqrt(dot(u, u)); }

    private static double[] scale(double[] u, double s) { return new double[] {u[0] * s, u[1] * s, u[2] * s}; }

    private static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    /** [u]×, the matrix with [u]× v = u × v. */
    private static double[] crossMatrix(double[] u) {
        return new double[] {0, -u[2], u[1], u[2], 0, -u[0], -u[1], u[0], 0};
    }

    private static double[] mul(double[] m, double[] n) {
        double[] out = new double[9];
        for (int p = 0; p < 3; p++) for (int q = 0; q < 3; q++) {
            out[3 * p + q] = m[3 * p] * n[q] + m[3 * p + 1] * n[3 + q] + m[3 * p + 2] * n[6 + q];
        }
        return out;
    }

    private static double[] sub(double[] m, double[] n) {
        double[] out = new double[9];
        for (int k = 0; k < 9; k++) out[k] = m[k] - n[k];
        return out;
    }

    /** out = Mᵀ d: the gradient of e·d with respect to v when M = ∂e/∂v. */
    private static void mulT(double[] m, double[] d, double[] out) {
        out[0] = m[0] * d[0] + m[3] * d[1] + m[6] * d[2];
        out[1] = m[1] * d[0] + m[4] * d[1] + m[7] * d[2];
        out[2] = m[2] * d[0] + m[5] * d[1] + m[8] * d[2];
    }
}
