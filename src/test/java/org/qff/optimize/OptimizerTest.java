package org.qff.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qff.md.Rng;
import org.qff.md.TestSystems;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;

class OptimizerTest {
    /** Reduced units: ε = 1 eV, σ = 1 Å, so energies are in ε. */
    private static final LennardJones LJ = new LennardJones(1.0, 1.0);

    @ParameterizedTest
    @ValueSource(strings = {"fire", "lbfgs"})
    void ljDimerRelaxesToTwoToTheSixthSigma(String method) {
        Structure start = new Structure(new int[] {18, 18}, new double[] {0, 0, 0, 1.5, 0.1, -0.05});
        OptimizationResult r = Optimizer.named(method).minimize(start, LJ, 1e-8, 2000);
        assertTrue(r.converged(), method + " did not converge: " + r.fmax());
        Structure s = r.structure();
        double d = Math.sqrt(Math.pow(s.x(1) - s.x(0), 2) + Math.pow(s.y(1) - s.y(0), 2) + Math.pow(s.z(1) - s.z(0), 2));
        // |F| = k |r − r*| with k = 57.1 ε/σ²: fmax 1e-8 puts r within 2e-10 σ of r*
        assertEquals(Math.pow(2, 1.0 / 6), d, 1e-9);
        assertEquals(-1.0, r.energy(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fire", "lbfgs"})
    void lj13FindsTheIcosahedronMinimum(String method) {
        Structure ico = TestSystems.icosahedron(18, 1.09);
        Rng rng = new Rng(4);
        double[] x = ico.positions();
        for (int k = 0; k < x.length; k++) x[k] += 0.05 * rng.nextGaussian();
        OptimizationResult r = Optimizer.named(method).minimize(ico.withPositions(x), LJ, 1e-6, 5000);
        assertTrue(r.converged(), method + " did not converge: fmax " + r.fmax() + " after " + r.steps());
        // global minimum of LJ13 (Wales & Doye 1997); the energy error is quadratic in the residual force
        assertEquals(-44.326801, r.energy(), 2e-6);
        double[] e = r.energies();
        assertEquals(r.steps() + 1, e.length);
        if (method.equals("lbfgs")) {
            for (int k = 1; k < e.length; k++) assertTrue(e[k] <= e[k - 1], "L-BFGS path energy rose at step " + k);
            assertTrue(r.steps() < 200, "L-BFGS should need far fewer steps than FIRE, took " + r.steps());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fire", "lbfgs"})
    void badArgumentsAreRefused(String method) {
        Structure s = new Structure(new int[] {18, 18}, new double[] {0, 0, 0, 1.5, 0, 0});
        Optimizer o = Optimizer.named(method);
        assertThrows(IllegalArgumentException.class, () -> o.minimize(s, LJ, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> o.minimize(s, LJ, Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> o.minimize(s, LJ, 0.01, 0));
        OptimizationResult capped = o.minimize(s, LJ, 1e-12, 3);
        assertTrue(!capped.converged() && capped.steps() == 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizer.named("bfgs"));
        assertTrue(e.getMessage().contains("bfgs"));
    }

    /** A bonded molecule distorted by 0.1–0.2 Å relaxes back to its minimum, as FFLUX-style runs expect. */
    @ParameterizedTest
    @ValueSource(strings = {"fire", "lbfgs"})
    void distortedMoleculeRelaxesBackToItsBondLengths(String method) {
        Structure water = TestSystems.water();
        var bonds = TestSystems.HarmonicBonds.allPairsOf(water, 30);
        double[] x = water.positions();
        x[4] += 0.15;  // stretch O–H₁
        x[8] -= 0.2;   // bend/stretch H₂
        x[2] += 0.1;
        OptimizationResult r = Optimizer.named(method).minimize(water.withPositions(x), bonds, Optimizer.DEFAULT_FMAX, 500);
        assertTrue(r.converged());
        // |F| ≤ 0.0434 eV/Å on springs of ≥ 30 eV/Å² leaves each bond within ~3e-3 Å of its length
        for (int b = 0; b < bonds.pairs().length; b++) {
            Structure s = r.structure();
            int i = bonds.pairs()[b][0], j = bonds.pairs()[b][1];
            double d = Math.sqrt(Math.pow(s.x(j) - s.x(i), 2) + Math.pow(s.y(j) - s.y(i), 2) + Math.pow(s.z(j) - s.z(i), 2));
            assertEquals(bonds.r0()[b], d, 3e-3);
        }
        if (method.equals("lbfgs")) assertTrue(r.steps() <= 25, "L-BFGS took " + r.steps() + " steps");
    }
}
