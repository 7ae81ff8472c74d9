package org.qff.qnn.potential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Structure;

class TruncatedLennardJonesTest {
    private static final double EPS = LennardJones.ARGON_EPSILON, SIG = LennardJones.ARGON_SIGMA, RC = 2.5 * LennardJones.ARGON_SIGMA;

    /** Argon fcc (a = 5.26 Å) in a 4×4×4 supercell (256 atoms: cell lists), atoms displaced by ~0.15 Å. */
    private static Structure argonCrystal(long seed) {
        double a = 5.26;
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        Random rnd = new Random(seed);
        double[] p = new double[3 * 256];
        int t = 0;
        for (int x = 0; x < 4; x++) for (int y = 0; y < 4; y++) for (int z = 0; z < 4; z++) for (double[] b : basis) {
            p[t++] = a * (x + b[0]) + 0.15 * rnd.nextGaussian();
            p[t++] = a * (y + b[1]) + 0.15 * rnd.nextGaussian();
            p[t++] = a * (z + b[2]) + 0.15 * rnd.nextGaussian();
        }
        int[] z = new int[256];
        Arrays.fill(z, 18);
        return new Structure(z, p, Cell.orthorhombic(4 * a, 4 * a, 4 * a));
    }

    /** Independent reference: every pair against all 27 neighbouring images, pairs within r_c summed. */
    private static double referenceEnergy(Structure s) {
        double l = s.cell().matrix()[0][0];
        double shift = 4 * EPS * (Math.pow(SIG / RC, 12) - Math.pow(SIG / RC, 6));
        double e = 0;
        for (int i = 0; i < s.size(); i++) for (int j = i + 1; j < s.size(); j++) {
            for (int a = -1; a <= 1; a++) for (int b = -1; b <= 1; b++) for (int c = -1; c <= 1; c++) {
                double dx = s.x(j) - s.x(i) + a * l, dy = s.y(j) - s.y(i) + b * l, dz = s.z(j) - s.z(i) + c * l;
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (r < RC) e += 4 * EPS * (Math.pow(SIG / r, 12) - Math.pow(SIG / r, 6)) - shift;
            }
        }
        return e;
    }

    @Test
    void periodicEnergyMatchesImageSumAndAtomEnergiesAddUp() {
        TruncatedLennardJones lj = new TruncatedLennardJones(EPS, SIG, RC);
        Structure s = argonCrystal(1);
        double[] atomE = new double[256];
        double e = lj.compute(s, null, atomE);
        // Cohesive energy of fcc argon at this cutoff is ≈ −7ε per atom: a sanity anchor.
        assertTrue(e / 256 < -5 * EPS && e / 256 > -9 * EPS, "energy per atom " + e / 256);
        // Same pairs, different summation order and pow vs products: ~1e-15 relative.
        assertEquals(referenceEnergy(s), e, 1e-12 * Math.abs(e));
        assertEquals(e, Arrays.stream(atomE).sum(), 1e-12 * Math.abs(e));
    }

    @Test
    void forcesAreMinusCentralDifferenceInPeriodicCell() {
        TruncatedLennardJones lj = new TruncatedLennardJones(EPS, SIG, RC);
        Structure s = argonCrystal(2);
        double[] f = new double[3 * 256];
        lj.compute(s, f, null);
        double[] p = s.positions();
        double h = 1e-5;
        // Truncation h²E'''/6 ≲ 1e-10 eV/Å, rounding ≈ 1e-16·|E_atom|/h ≈ 1e-12. The force jumps by
        // ≈ 1.2e-4 eV/Å where a pair crosses r_c; a displaced atom has ~24 pair distances per Å near
        // r_c, so one within ±h = 1e-5 Å is a 2e-4 chance per component, and the fixed seed avoids it.
        for (int k = 0; k < 3 * 256; k += 11) {
            double[] q = p.clone();
            q[k] += h;
            double ep = lj.energy(s.withPositions(q));
            q[k] -= 2 * h;
            double em = lj.energy(s.withPositions(q));
            assertEquals(-(ep - em) / (2 * h), f[k], 1e-8, "component " + k);
        }
    }

    @Test
    void isolatedClusterWithinCutoffEqualsFullLennardJonesMinusShifts() {
        Random rnd = new Random(3);
        double[] p = new double[3 * 6];
        for (int k = 0; k < p.length; k++) p[k] = 3.8 * (k % 3 == 0 ? (k / 3) % 3 : 0) + 0.5 * rnd.nextGaussian();
        Structure s = new Structure(new int[] {18, 18, 18, 18, 18, 18}, p);
        TruncatedLennardJones cut = new TruncatedLennardJones(EPS, SIG, 50);
        LennardJones full = LennardJones.argon();
        double shift = 4 * EPS * (Math.pow(SIG / 50, 12) - Math.pow(SIG / 50, 6));
        double[] f1 = new double[18], f2 = new double[18];
        assertEquals(full.compute(s, f1, null) - 15 * shift, cut.compute(s, f2, null), 1e-15);
        assertArrayEquals(f1, f2, 1e-15);
    }

    @Test
    void energyIsContinuousAtTheCutoff() {
        TruncatedLennardJones lj = new TruncatedLennardJones(EPS, SIG, RC);
        double in = lj.energy(new Structure(new int[] {18, 18}, new double[] {0, 0, 0, RC - 1e-9, 0, 0}));
        double out = lj.energy(new Structure(new int[] {18, 18}, new double[] {0, 0, 0, RC + 1e-9, 0, 0}));
        assertEquals(0, out, 0);
        assertEquals(0, in, 1e-12); // slope at r_c ≈ 0.04ε/σ: 1e-9 Å away gives ~1e-13 eV
    }

    @Test
    void invariantUnderTranslationAcrossTheBoundaryAndThreadSafe() {
        TruncatedLennardJones lj = new TruncatedLennardJones(EPS, SIG, RC);
        Structure s = argonCrystal(4);
        double e = lj.energy(s);
        double[] p = s.positions();
        for (int k = 0; k < p.length; k++) p[k] += 7.3 + k % 3; // many atoms now lie outside the cell
        assertEquals(e, lj.energy(s.withPositions(p)), 1e-12 * Math.abs(e));
        double[] parallel = IntStream.range(0, 16).parallel().mapToDouble(t -> lj.energy(s)).toArray();
        for (double x : parallel) assertEquals(e, x, 0);
    }

    @Test
    void modelFileWithCutoffRoundTripsAndBadParametersAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lj.json");
        LennardJonesModelFile.write(new TruncatedLennardJones(0.01, 3.0, 7.5), f);
        Potential p = Potentials.load(f.toString());
        assertTrue(p instanceof TruncatedLennardJones t && t.cutoff() == 7.5 && t.sigma() == 3.0 && t.epsilon() == 0.01);
        var ex = assertThrows(IllegalArgumentException.class, () -> new TruncatedLennardJones(0.01, 3.0, 2.0));
        assertTrue(ex.getMessage().contains("cutoff"), ex.getMessage());
        Structure small = new Structure(new int[] {18}, new double[] {0, 0, 0}, Cell.orthorhombic(10, 10, 10));
        var ex2 = assertThrows(IllegalArgumentException.class, () -> new TruncatedLennardJones(0.01, 3.0, 7.5).energy(small));
        assertTrue(ex2.getMessage().contains("half the cell height"), ex2.getMessage());
    }
}
