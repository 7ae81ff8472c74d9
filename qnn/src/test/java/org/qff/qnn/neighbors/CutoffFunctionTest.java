package org.qff.qnn.neighbors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CutoffFunctionTest {
    private static final double RC = 4.2;

    @Test
    void derivativesMatchCentralDifferences() {
        for (CutoffFunction f : new CutoffFunction[] {CutoffFunction.cosine(RC), CutoffFunction.polynomial(RC)}) {
            double h = 1e-5;
            for (double r = 0.05; r < RC - 2 * h; r += 0.0937) {
                // Central differences: truncation h²·f'''/6 with |f'''| ≲ (π/r_c)³ or 360/r_c³ ≈ 5,
                // i.e. ~1e-10; rounding ~1e-16/h = 1e-11 (first) and ~1e-16/h² = 1e-6 (second).
                double d1 = (f.value(r + h) - f.value(r - h)) / (2 * h);
                assertEquals(d1, f.derivative(r), 1e-9, f + " f' at r = " + r);
                double d2 = (f.derivative(r + h) - f.derivative(r - h)) / (2 * h);
                assertEquals(d2, f.secondDerivative(r), 1e-9, f + " f'' at r = " + r);
            }
        }
    }

    @Test
    void endpointsAndContinuityAtCutoff() {
        CutoffFunction cos = CutoffFunction.cosine(RC);
        CutoffFunction poly = CutoffFunction.polynomial(RC);
        assertEquals(1, cos.value(0), 0);
        assertEquals(1, poly.value(0), 0);
        assertEquals(0.5, cos.value(RC / 2), 1e-15);
        assertEquals(0.5, poly.value(RC / 2), 1e-15);
        double eps = 1e-7;
        // Approaching r_c from below: f ~ ε² (cosine) and ε³ (polynomial), f' ~ ε and ε².
        assertEquals(0, cos.value(RC - eps), 1e-12);
        assertEquals(0, cos.derivative(RC - eps), 1e-6);
        assertEquals(0, poly.value(RC - eps), 1e-18);
        assertEquals(0, poly.derivative(RC - eps), 1e-12);
        assertEquals(0, poly.secondDerivative(RC - eps), 1e-6);
        // The cosine's second derivative jumps at r_c (to π²/(2r_c²)): that is why the polynomial exists.
        assertEquals(0.5 * Math.PI * Math.PI / (RC * RC), cos.secondDerivative(RC - eps), 1e-6);
        for (CutoffFunction f : new CutoffFunction[] {cos, poly}) {
            assertEquals(0, f.value(RC), 0);
            assertEquals(0, f.value(RC + 1), 0);
            assertEquals(0, f.derivative(RC + 1), 0);
            assertEquals(0, f.secondDerivative(RC + 1), 0);
        }
        assertEquals(1, cos.smoothness());
        assertEquals(2, poly.smoothness());
    }

    @Test
    void rejectsBadCutoff() {
        assertThrows(IllegalArgumentException.class, () -> CutoffFunction.cosine(0));
        assertThrows(IllegalArgumentException.class, () -> CutoffFunction.polynomial(Double.POSITIVE_INFINITY));
    }
}
