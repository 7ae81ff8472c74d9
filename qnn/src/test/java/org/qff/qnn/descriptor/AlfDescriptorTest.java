package org.qff.qnn.descriptor;

import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.testing.MorseNetwork;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class AlfDescriptorTest {

    private static Structure sixAtoms() {
        return new Structure(new int[] {6, 6, 8, 1, 1, 1}, new double[] {
            0.0, 0.0, 0.0, 1.52, 0.05, 0.02, 2.05, 1.30, -0.10, -0.40, 1.00, 0.15, -0.35, -0.55, 0.85, 1.90, -0.60, -0.75});
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(AlfCoordinates.class)
    void jacobianMatchesCentralFiniteDifferences(AlfCoordinates coordinates) {
        Structure s = sixAtoms();
        List<LocalFrame> frames = LocalFrames.choose(s, coordinates);
        double[] p = s.positions();
        int n3 = p.length;
        // h = 1e-5 Å: truncation h²·|f'''| ~ 1e-10·O(10), rounding 1e-16·|f|/h ~ 1e-11; 1e-7 leaves margin
        // while still catching any wrong term (those are O(0.1–1)).
        double h = 1e-5, tol = 1e-7;
        for (LocalFrame f : frames) {
            int d = f.dimension();
            double[] x = new double[d], jac = new double[d * n3];
            AlfDescriptor.compute(p, f, x, jac);
            for (int m = 0; m < n3; m++) {
                double[] plus = p.clone(), minus = p.clone();
                plus[m] += h;
                minus[m] -= h;
                double[] xp = new double[d], xm = new double[d];
                AlfDescriptor.compute(plus, f, xp, null);
                AlfDescriptor.compute(minus, f, xm, null);
                for (int k = 0; k < d; k++) {
                    double fd = (xp[k] - xm[k]) / (2 * h);
                    assertEquals(fd, jac[k * n3 + m], tol, "atom " + f.centre() + " feature " + k + " coordinate " + m);
                }
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(AlfCoordinates.class)
    void featuresAreInvariantUnderRotationAndTranslation(AlfCoordinates coordinates) {
        Structure s = sixAtoms();
        List<LocalFrame> frames = LocalFrames.choose(s, coordinates);
        Random rng = new Random(7);
        double[] p = s.positions();
        for (int trial = 0; trial < 5; trial++) {
            double[] q = MorseNetwork.transform(p, MorseNetwork.randomRotation(rng), new double[] {rng.nextGaussian() * 5, 3, -2});
            for (LocalFrame f : frames) {
                double[] x = new double[f.dimension()], y = new double[f.dimension()];
                AlfDescriptor.compute(p, f, x, null);
                AlfDescriptor.compute(q, f, y, null);
                // rounding of a rotation and a ~5 Å shift: ~1e-15·5 per coordinate, amplified by at most 1/r ~ 1
                assertArrayEquals(x, y, 1e-12, "frame of atom " + f.centre());
            }
        }
    }

    @Test
    void firstFeaturesAreFrameDistancesAndAngle() {
        Structure s = sixAtoms();
        LocalFrame f = LocalFrames.choose(s, AlfCoordinates.SPHERICAL).get(0);
        double[] x = new double[f.dimension()];
        AlfDescriptor.compute(s.positions(), f, x, null);
        double[] p = s.positions();
        int a = f.xAxisAtom(), b = f.xyPlaneAtom();
        double[] va = {p[3 * a], p[3 * a + 1], p[3 * a + 2]}, vb = {p[3 * b], p[3 * b + 1], p[3 * b + 2]};
        double ra = Math.sqrt(va[0] * va[0] + va[1] * va[1] + va[2] * va[2]);
        double rb = Math.sqrt(vb[0] * vb[0] + vb[1] * vb[1] + vb[2] * vb[2]);
        assertEquals(ra, x[0], 1e-14);
        assertEquals(rb, x[1], 1e-14);
        assertEquals(Math.acos((va[0] * vb[0] + va[1] * vb[1] + va[2] * vb[2]) / (ra * rb)), x[2], 1e-12);
        // the xy-plane atom itself has φ = 0 and θ = π/2 by construction; check the reconstruction of another atom
        int j = f.other(0);
        double r = x[3], theta = x[4], phi = x[5];
        assertTrue(theta >= 0 && theta <= Math.PI && phi > -Math.PI && phi <= Math.PI);
        double[] dj = {p[3 * j], p[3 * j + 1], p[3 * j + 2]};
        assertEquals(Math.sqrt(dj[0] * dj[0] + dj[1] * dj[1] + dj[2] * dj[2]), r, 1e-14);
    }

    @Test
    void frameRuleIsNearestThenNextNearestNonCollinear() {
        Structure s = sixAtoms();
        List<LocalFrame> frames = LocalFrames.choose(s);
        // atom 0 (C): nearest is H3 (1.09 Å), then H4 (1.07? compute) — check against a brute-force ranking
        double[] p = s.positions();
        for (LocalFrame f : frames) {
            int i = f.centre();
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int j = 0; j < s.size(); j++) {
                if (j == i) continue;
                double d = dist(p, i, j);
                if (d < best) { best = d; nearest = j; }
            }
            assertEquals(nearest, f.xAxisAtom(), "x-axis atom of " + i);
            for (int j = 0; j < s.size(); j++) {
                if (j != i && j != nearest && j != f.xyPlaneAtom()) {
                    assertTrue(dist(p, i, j) >= dist(p, i, f.xyPlaneAtom()), "xy-plane atom of " + i + " is not the next nearest");
                }
            }
            int[] others = f.others();
            for (int k = 1; k < others.length; k++) assertTrue(others[k - 1] < others[k], "others in index order");
        }
        assertEquals(frames, LocalFrames.choose(s), "deterministic");
    }

    @Test
    void cartesianAndDirectionFeaturesAreTheSphericalOnesInOtherCoordinates() {
        Structure s = sixAtoms();
        List<LocalFrame> cart = LocalFrames.choose(s, AlfCoordinates.CARTESIAN), sph = LocalFrames.choose(s, AlfCoordinates.SPHERICAL),
                dir = LocalFrames.choose(s);
        assertEquals(AlfCoordinates.DIRECTION, dir.get(0).coordinates(), "distance and direction are the default");
        for (int i = 0; i < cart.size(); i++) {
            int d = cart.get(i).dimension();
            double[] c = new double[d], p = new double[d], u = new double[dir.get(i).dimension()];
            AlfDescriptor.compute(s.positions(), cart.get(i), c, null);
            AlfDescriptor.compute(s.positions(), sph.get(i), p, null);
            AlfDescriptor.compute(s.positions(), dir.get(i), u, null);
            assertEquals(3 + 4 * dir.get(i).others().length, u.length);
            for (int k = 0; k < 3; k++) assertEquals(p[k], c[k], 0.0, "frame features are shared, atom " + i);
            for (int k = 0; k < 3; k++) assertEquals(p[k], u[k], 0.0, "frame features are shared, atom " + i);
            for (int k = 3; k < d; k += 3) {
                double r = p[k], theta = p[k + 1], phi = p[k + 2];
                // two independent computations of the same point: rounding ~1e-16 · r (r ≤ 3 Å)
                assertEquals(r * Math.sin(theta) * Math.cos(phi), c[k], 1e-14, "x, atom " + i);
                assertEquals(r * Math.sin(theta) * Math.sin(phi), c[k + 1], 1e-14, "y, atom " + i);
                assertEquals(r * Math.cos(theta), c[k + 2], 1e-14, "z, atom " + i);
                int o = 3 + 4 * (k - 3) / 3;
                assertEquals(r, u[o], 1e-14, "r, atom " + i);
                for (int m = 0; m < 3; m++) assertEquals(c[k + m] / r, u[o + 1 + m], 1e-14, "direction cosine " + m + ", atom " + i);
            }
        }
    }

    /**
     * Why spherical is not the default: an atom moving past the local z axis at a distance of 1e-4 Å
     * turns φ by almost π between two geometries 2e-4 Å apart, while every Cartesian feature moves by
     * the displacement itself and every direction feature by at most the displacement over r (1.2 Å).
     */
    @Test
    void onlySphericalFeaturesJumpAcrossTheLocalZAxis() {
        // centre 0 at the origin, frame atoms on x and in the xy plane, atom 3 passing over the z axis along x
        double[] before = {0, 0, 0, 1, 0, 0, 0, 1, 0, -1e-4, 1e-4, 1.2};
        double[] after = before.clone();
        after[9] = 1e-4;
        for (AlfCoordinates c : AlfCoordinates.values()) {
            LocalFrame f = new LocalFrame(0, 1, 2, new int[] {3}, c);
            double[] x = new double[f.dimension()], y = new double[f.dimension()];
            AlfDescriptor.compute(before, f, x, null);
            AlfDescriptor.compute(after, f, y, null);
            double largest = 0;
            for (int k = 0; k < x.length; k++) largest = Math.max(largest, Math.abs(x[k] - y[k]));
            switch (c) {
                // the displacement is 2e-4 along x: exact up to the rounding of 1e-4-sized differences
                case CARTESIAN -> assertEquals(2e-4, largest, 1e-15, "Cartesian features move with the atom");
                // |Δû| ≤ |Δd|/r = 2e-4/1.2
                case DIRECTION -> assertTrue(largest <= 2e-4 / 1.2 + 1e-15 && largest > 1e-4, "direction features move with the atom: " + largest);
                case SPHERICAL -> assertTrue(largest > 1.5, "φ jumps across the axis: " + largest);
            }
        }
    }

    @Test
    void coordinateNamesRoundTripAndUnknownNamesAreRejected() {
        for (AlfCoordinates c : AlfCoordinates.values()) assertEquals(c, AlfCoordinates.parse(c.fileName()));
        var e = assertThrows(IllegalArgumentException.class, () -> AlfCoordinates.parse("polar"));
        assertTrue(e.getMessage().contains("'polar'"), e.getMessage());
    }

    @Test
    void collinearFrameAndCoincidentAtomsAreRejected() {
        LocalFrame f = new LocalFrame(0, 1, 2, new int[] {}, AlfCoordinates.CARTESIAN);
        double[] collinear = {0, 0, 0, 1, 0, 0, 2, 0, 0};
        var e = assertThrows(IllegalArgumentException.class, () -> AlfDescriptor.compute(collinear, f, new double[3], null));
        assertTrue(e.getMessage().contains("collinear"), e.getMessage());
        double[] coincident = {0, 0, 0, 0, 0, 0, 2, 1, 0};
        e = assertThrows(IllegalArgumentException.class, () -> AlfDescriptor.compute(coincident, f, new double[3], null));
        assertTrue(e.getMessage().contains("atoms 0 and 1 coincide"), e.getMessage());
        Structure line = new Structure(new int[] {6, 8, 8}, new double[] {0, 0, 0, 1.16, 0, 0, -1.16, 0, 0});
        e = assertThrows(IllegalArgumentException.class, () -> LocalFrames.choose(line));
        assertTrue(e.getMessage().contains("collinear"), e.getMessage());
    }

    private static double dist(double[] p, int i, int j) {
        double dx = p[3 * i] - p[3 * j], dy = p[3 * i + 1] - p[3 * j + 1], dz = p[3 * i + 2] - p[3 * j + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
