package org.qff.qnn.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Structure;

class LennardJonesTest {

    @Test
    void dimerMinimumIsAtTwoToTheSixthSigmaWithDepthEpsilon() {
        LennardJones lj = LennardJones.argon();
        double rmin = Math.pow(2, 1.0 / 6) * lj.sigma();
        Structure s = new Structure(new int[] {18, 18}, new double[] {0, 0, 0, rmin, 0, 0});
        double[] f = new double[6];
        assertEquals(-lj.epsilon(), lj.compute(s, f, null), 1e-15);
        for (double x : f) assertEquals(0, x, 1e-14);
    }

    @Test
    void forcesAreMinusCentralDifferenceOfEnergy() {
        Random rnd = new Random(7);
        LennardJones lj = LennardJones.argon();
        int n = 7;
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            pos[3 * i] = 3.8 * (i % 3) + 0.3 * rnd.nextGaussian();
            pos[3 * i + 1] = 3.8 * (i / 3) + 0.3 * rnd.nextGaussian();
            pos[3 * i + 2] = 0.3 * rnd.nextGaussian();
        }
        int[] z = new int[n];
        Arrays.fill(z, 18);
        Structure s = new Structure(z, pos);
        double[] f = new double[3 * n];
        double[] atomE = new double[n];
        double e = lj.compute(s, f, atomE);
        assertEquals(e, Arrays.stream(atomE).sum(), 1e-15);
        // Central difference error is O(h²·E''') ≈ 1e-10 eV/Å at h = 1e-5 Å for these energies
        // (~0.01 eV over ~1 Å); rounding adds ~1e-16/h ≈ 1e-11. So 1e-8 absolute is tight but safe.
        double h = 1e-5;
        for (int k = 0; k < 3 * n; k++) {
            double[] p = pos.clone();
            p[k] += h;
            double ep = lj.energy(s.withPositions(p));
            p[k] -= 2 * h;
            double em = lj.energy(s.withPositions(p));
            assertEquals(-(ep - em) / (2 * h), f[k], 1e-8, "force component " + k);
        }
    }

    @Test
    void rejectsCoincidentAtomsNamingThem() {
        Structure s = new Structure(new int[] {18, 18}, new double[] {0, 0, 0, 0.05, 0, 0});
        var ex = assertThrows(IllegalArgumentException.class, () -> LennardJones.argon().energy(s));
        assertTrue(ex.getMessage().contains("atoms 0 and 1"), ex.getMessage());
    }

    @Test
    void structureRejectsNonFiniteCoordinatesNamingTheAtom() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> new Structure(new int[] {1, 1}, new double[] {0, 0, 0, Double.NaN, 0, 0}));
        assertTrue(ex.getMessage().contains("atom 1"), ex.getMessage());
    }
}
