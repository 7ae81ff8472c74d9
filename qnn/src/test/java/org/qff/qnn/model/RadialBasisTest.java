package org.qff.qnn.model;

import org.junit.jupiter.api.Test;
import org.qff.qnn.neighbors.CutoffFunction;

import static org.junit.jupiter.api.Assertions.*;

class RadialBasisTest {

    @Test
    void derivativeMatchesFiniteDifferencesAndValuesVanishAtTheCutoff() {
        RadialBasis b = new RadialBasis(6, 0.7, 4.0);
        double[] g = new double[6], dg = new double[6], gp = new double[6], gm = new double[6], scratch = new double[6];
        for (double r = 0.3; r < 4.2; r += 0.137) {
            b.eval(r, g, dg, 0);
            double h = 1e-6;
            b.eval(r + h, gp, scratch, 0);
            b.eval(r - h, gm, scratch, 0);
            for (int k = 0; k < 6; k++) assertEquals((gp[k] - gm[k]) / (2 * h), dg[k], 1e-7 * (1 + Math.abs(dg[k])), "r = " + r + ", k = " + k);
        }
        b.eval(4.0, g, dg, 0);
        assertArrayEquals(new double[6], g, 0);
        assertArrayEquals(new double[6], dg, 0);
    }

    @Test
    void usesTheSharedQuinticCutoff() {
        RadialBasis b = new RadialBasis(1, 0.0, 3.0);
        CutoffFunction fc = CutoffFunction.polynomial(3.0);
        double[] g = new double[1], dg = new double[1];
        for (double r = 0.2; r < 3.0; r += 0.31) {
            b.eval(r, g, dg, 0);
            double phi = Math.exp(-0.5 * Math.pow((r - 1.5) / 1.5, 2));
            assertEquals(fc.value(r) * phi / r, g[0], 1e-15);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new RadialBasis(0, 0.5, 4));
        assertThrows(IllegalArgumentException.class, () -> new RadialBasis(4, 4.5, 4));
    }
}
