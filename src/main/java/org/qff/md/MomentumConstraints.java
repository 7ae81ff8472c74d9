package org.qff.md;

/**
 * Which collective motions are held at zero: none, the centre-of-mass velocity, or that and the
 * rigid rotation (isolated molecules only). Removal is the mass-weighted orthogonal projection
 * onto the constrained subspace, so applying it to thermal noise leaves the canonical
 * distribution on the remaining degrees of freedom exact.
 */
public enum MomentumConstraints {
    NONE,
    TRANSLATION,
    TRANSLATION_AND_ROTATION;

    /** The usual choice: translation for periodic systems, translation and rotation for isolated ones. */
    public static MomentumConstraints defaultFor(boolean periodic, int atoms) {
        if (atoms == 1) return TRANSLATION;
        return periodic ? TRANSLATION : TRANSLATION_AND_ROTATION;
    }

    /**
     * Number of constrained degrees of freedom for these positions: 3 for translation, plus 3
     * rotations for a non-linear molecule or 2 for a linear one.
     */
    public int count(double[] masses, double[] positions) {
        return switch (this) {
            case NONE -> 0;
            case TRANSLATION -> 3;
            case TRANSLATION_AND_ROTATION -> 3 + rotationalModes(masses, positions);
        };
    }

    /** Removes the constrained motion from {@code velocities} in place. */
    public void apply(double[] masses, double[] positions, double[] velocities) {
        if (this == NONE) return;
        removeTranslation(masses, velocities);
        if (this == TRANSLATION_AND_ROTATION) removeRotation(masses, positions, velocities);
    }

    static void removeTranslation(double[] m, double[] v) {
        int n = m.length;
        double px = 0, py = 0, pz = 0, mt = 0;
        for (int i = 0; i < n; i++) {
            px += m[i] * v[3 * i];
            py += m[i] * v[3 * i + 1];
            pz += m[i] * v[3 * i + 2];
            mt += m[i];
        }
        px /= mt;
        py /= mt;
        pz /= mt;
        for (int i = 0; i < n; i++) {
            v[3 * i] -= px;
            v[3 * i + 1] -= py;
            v[3 * i + 2] -= pz;
        }
    }

    /** Subtracts ω × (r − R) with I ω = L (pseudo-inverse of I, so linear molecules work). */
    static void removeRotation(double[] m, double[] x, double[] v) {
        int n = m.length;
        if (n < 2) return;
        double[] com = centreOfMass(m, x);
        double[] inertia = new double[9];
        double lx = 0, ly = 0, lz = 0;
        for (int i = 0; i < n; i++) {
            double rx = x[3 * i] - com[0], ry = x[3 * i + 1] - com[1], rz = x[3 * i + 2] - com[2];
            double vx = v[3 * i], vy = v[3 * i + 1], vz = v[3 * i + 2];
            lx += m[i] * (ry * vz - rz * vy);
            ly += m[i] * (rz * vx - rx * vz);
            lz += m[i] * (rx * vy - ry * vx);
            addInertia(inertia, m[i], rx, ry, rz);
        }
        double[] evals = new double[3];
        double[] evecs = new double[9];
        SymmetricEigen3.decompose(inertia, evals, evecs);
        double tol = 1e-10 * Math.max(evals[0], Math.max(evals[1], evals[2]));
        double wx = 0, wy = 0, wz = 0;
        for (int k = 0; k < 3; k++) {
            if (evals[k] <= tol) continue;
            double ex = evecs[k], ey = evecs[3 + k], ez = evecs[6 + k];
            double c = (ex * lx + ey * ly + ez * lz) / evals[k];
            wx += c * ex;
            wy += c * ey;
            wz += c * ez;
        }
        for (int i = 0; i < n; i++) {
            double rx = x[3 * i] - com[0], ry = x[3 * i + 1] - com[1], rz = x[3 * i + 2] - com[2];
            v[3 * i] -= wy * rz - wz * ry;
            v[3 * i + 1] -= wz * rx - wx * rz;
            v[3 * i + 2] -= wx * ry - wy * rx;
        }
    }

    static int rotationalModes(double[] m, double[] x) {
        int n = m.length;
        if (n < 2) return 0;
        double[] com = centreOfMass(m, x);
        double[] inertia = new double[9];
        for (int i = 0; i < n; i++) {
            addInertia(inertia, m[i], x[3 * i] - com[0], x[3 * i + 1] - com[1], x[3 * i + 2] - com[2]);
        }
        double[] evals = new double[3];
        SymmetricEigen3.decompose(inertia, evals, new double[9]);
        double max = Math.max(evals[0], Math.max(evals[1], evals[2]));
        int modes = 0;
        for (double e : evals) if (e > 1e-10 * max) modes++;
        return modes;
    }

    static double[] centreOfMass(double[] m, double[] x) {
        double cx = 0, cy = 0, cz = 0, mt = 0;
        for (int i = 0; i < m.length; i++) {
            cx += m[i] * x[3 * i];
            cy += m[i] * x[3 * i + 1];
            cz += m[i] * x[3 * i + 2];
            mt += m[i];
        }
        return new double[] {cx / mt, cy / mt, cz / mt};
    }

    private static void addInertia(double[] in, double m, double rx, double ry, double rz) {
        double r2 = rx * rx + ry * ry + rz * rz;
        in[0] += m * (r2 - rx * rx);
        in[4] += m * (r2 - ry * ry);
        in[8] += m * (r2 - rz * rz);
        in[1] -= m * rx * ry;
        in[2] -= m * rx * rz;
        in[5] -= m * ry * rz;
        in[3] = in[1];
        in[6] = in[2];
        in[7] = in[5];
    }
}
