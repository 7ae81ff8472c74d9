package org.qff.simulator.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.circuit.GateMatrices;

class GateDerivativesTest {
    private static final double H = 1e-5;

    @Test
    void matricesMatchTheCircuitLayer() {
        Random r = new Random(1);
        for (GateKind kind : RandomCircuits.PARAMETERISED) {
            for (int trial = 0; trial < 5; trial++) {
                double[] a = randomArgs(kind, r, trial);
                double[] ours = new double[32];
                GateDerivatives.fill(kind, a, -1, -1, ours);
                double[] ref = GateMatrices.of(kind, a);
                for (int i = 0; i < ref.length; i++) assertEquals(ref[i], ours[i], 1e-14, kind + " entry " + i);
            }
        }
    }

    /** Central differences of GateMatrices.of: truncation ~h²/6·|U'''| ≈ 1e-11, rounding ~1e-16/h ≈ 1e-11; 1e-9 leaves margin. */
    @Test
    void firstDerivativesMatchCentralDifferences() {
        Random r = new Random(2);
        for (GateKind kind : RandomCircuits.PARAMETERISED) {
            for (int trial = 0; trial < 5; trial++) {
                double[] a = randomArgs(kind, r, trial);
                for (int j = 0; j < kind.args(); j++) {
                    double[] d = new double[32];
                    GateDerivatives.fill(kind, a, j, -1, d);
                    double[] p = a.clone(), m = a.clone();
                    p[j] += H;
                    m[j] -= H;
                    double[] up = GateMatrices.of(kind, p), um = GateMatrices.of(kind, m);
                    for (int i = 0; i < up.length; i++) assertEquals((up[i] - um[i]) / (2 * H), d[i], 1e-9, kind + " ∂" + j + " entry " + i + " at " + java.util.Arrays.toString(a));
                }
            }
        }
    }

    /** Central differences of our (checked) first derivatives; same error budget. */
    @Test
    void secondDerivativesMatchCentralDifferencesAndAreSymmetric() {
        Random r = new Random(3);
        for (GateKind kind : RandomCircuits.PARAMETERISED) {
            for (int trial = 0; trial < 5; trial++) {
                double[] a = randomArgs(kind, r, trial);
                for (int j = 0; j < kind.args(); j++) {
                    for (int l = 0; l < kind.args(); l++) {
                        double[] dd = new double[32], ddT = new double[32];
                        GateDerivatives.fill(kind, a, j, l, dd);
                        GateDerivatives.fill(kind, a, l, j, ddT);
                        double[] p = a.clone(), m = a.clone();
                        p[l] += H;
                        m[l] -= H;
                        double[] dp = new double[32], dm = new double[32];
                        GateDerivatives.fill(kind, p, j, -1, dp);
                        GateDerivatives.fill(kind, m, j, -1, dm);
                        for (int i = 0; i < 32; i++) {
                            assertEquals((dp[i] - dm[i]) / (2 * H), dd[i], 1e-9, kind + " ∂" + j + "∂" + l + " entry " + i + " at " + java.util.Arrays.toString(a));
                            assertEquals(dd[i], ddT[i], 1e-14);
                        }
                    }
                }
            }
        }
    }

    @Test
    void su2SeriesAndClosedFormsAgreeAtTheSwitch() {
        for (double r : new double[] {0.4999999, 0.5, 0.5000001}) {
            assertEquals(Math.sin(r / 2) / r, GateDerivatives.su2K(r), 1e-15);
        }
        double below = Math.nextDown(0.5), at = 0.5;
        assertEquals(GateDerivatives.su2H(at), GateDerivatives.su2H(below), 1e-13);
        assertEquals(GateDerivatives.su2M(at), GateDerivatives.su2M(below), 1e-11);
        assertEquals(-1.0 / 24, GateDerivatives.su2H(0), 0);
        assertEquals(1.0 / 480, GateDerivatives.su2M(0), 1e-18);
    }

    @Test
    void argumentFreeKindIsRejectedByName() {
        var e = assertThrows(UnsupportedOperationException.class, () -> GateDerivatives.fill(GateKind.CX, new double[0], -1, -1, new double[32]));
        assertTrue(e.getMessage().contains("CX"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> GateDerivatives.fill(GateKind.RX, new double[] {0.1}, 1, -1, new double[32]));
        assertTrue(e2.getMessage().contains("RX"), e2.getMessage());
    }

    /** Random arguments; for SU2 the trials include |v| near 0 (series branch) and exactly 0. */
    static double[] randomArgs(GateKind kind, Random r, int trial) {
        double[] a = new double[kind.args()];
        double scale = kind == GateKind.SU2 && trial == 1 ? 0.05 : 3;
        for (int i = 0; i < a.length; i++) a[i] = scale * (2 * r.nextDouble() - 1);
        if (kind == GateKind.SU2 && trial == 2) java.util.Arrays.fill(a, 0);
        return a;
    }
}
