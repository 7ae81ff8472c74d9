package org.qff.qnn.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.ejml.simple.SimpleEVD;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Molecules;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.atoms.Units;

class BondedPotentialTest {
    private static final Structure ETHANOL = Molecules.ethanol();

    private static Structure perturbed(Structure s, Random rnd, double sigma) {
        double[] p = s.positions();
        for (int k = 0; k < p.length; k++) p[k] += sigma * rnd.nextGaussian();
        return s.withPositions(p);
    }

    @Test
    void ethanolTopologyHasEightBondsThirteenAnglesAndFifteenRepulsions() {
        BondedTopology t = TopologyBuilder.fromReference(ETHANOL);
        // C0–C1, C0–O2, C0–H3, C0–H4, C1–H5, C1–H6, C1–H7, O2–H8
        assertEquals(8, t.bonds().size());
        // 6 around each carbon, 1 at the oxygen; the remaining 36 − 8 − 13 pairs are non-bonded
        assertEquals(13, t.angles().size());
        assertEquals(15, t.repulsions().size());
        int[][] expected = {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 5}, {1, 6}, {1, 7}, {2, 8}};
        for (int b = 0; b < 8; b++) {
            assertEquals(expected[b][0], t.bonds().get(b).i());
            assertEquals(expected[b][1], t.bonds().get(b).j());
        }
        assertEquals(3.7, t.bonds().get(1).depth()); // C–O
        assertEquals(4.6, t.bonds().get(7).depth()); // O–H
    }

    @Test
    void forcesAreMinusCentralDifferenceOfEnergy() {
        BondedPotential pot = BondedPotential.fromReference(ETHANOL);
        Random rnd = new Random(11);
        for (int trial = 0; trial < 4; trial++) {
            Structure s = perturbed(ETHANOL, rnd, 0.08);
            int n = s.size();
            double[] f = new double[3 * n];
            double[] atomE = new double[n];
            double e = pot.compute(s, f, atomE);
            assertTrue(e > 0.01, "a perturbed molecule has positive strain energy, got " + e);
            assertEquals(e, Arrays.stream(atomE).sum(), 1e-13);
            // h = 1e-5 Å: truncation h²E'''/6 with |E'''| ≲ 6Da³ ≈ 200 eV/Å³ gives ≤ 4e-9 eV/Å;
            // rounding ≈ 1e-16·|E|/h ≈ 1e-11. Forces are O(1 eV/Å): 2e-8 is tight and safe.
            double h = 1e-5;
            double[] p = s.positions();
            for (int k = 0; k < 3 * n; k++) {
                double[] q = p.clone();
                q[k] += h;
                double ep = pot.energy(s.withPositions(q));
                q[k] -= 2 * h;
                double em = pot.energy(s.withPositions(q));
                assertEquals(-(ep - em) / (2 * h), f[k], 2e-8, "trial " + trial + " component " + k);
            }
        }
    }

    @Test
    void repulsionAndAngleForcesAtCrowdedGeometry() {
        // Fold two methyl H onto the hydroxyl H region: large repulsion and angle terms.
        BondedPotential pot = BondedPotential.fromReference(ETHANOL);
        double[] p = ETHANOL.positions();
        p[3 * 8] = 1.5; p[3 * 8 + 1] = -0.6; p[3 * 8 + 2] = 0.5; // hydroxyl H pushed next to the methyl
        Structure s = ETHANOL.withPositions(p);
        double[] f = new double[27];
        pot.compute(s, f, null);
        double h = 1e-6;
        for (int k = 0; k < 27; k++) {
            double[] q = p.clone();
            q[k] += h;
            double ep = pot.energy(s.withPositions(q));
            q[k] -= 2 * h;
            double em = pot.energy(s.withPositions(q));
            // Energies here reach tens of eV with steep r⁻¹² terms: relative 1e-6 of the force scale.
            assertEquals(-(ep - em) / (2 * h), f[k], 1e-6 * (1 + Math.abs(f[k])), "component " + k);
        }
    }

    @Test
    void invariantUnderRotationAndTranslationForcesRotate() {
        BondedPotential pot = BondedPotential.fromReference(ETHANOL);
        Random rnd = new Random(12);
        Structure s = perturbed(ETHANOL, rnd, 0.1);
        double[] f = new double[27];
        double e = pot.compute(s, f, null);
        for (int trial = 0; trial < 5; trial++) {
            double[][] r = randomRotation(rnd);
            double[] t = {rnd.nextGaussian() * 10, rnd.nextGaussian() * 10, rnd.nextGaussian() * 10};
            double[] p = s.positions();
            double[] q = new double[p.length];
            for (int a = 0; a < 9; a++) for (int d = 0; d < 3; d++) {
                q[3 * a + d] = t[d];
                for (int c = 0; c < 3; c++) q[3 * a + d] += r[d][c] * p[3 * a + c];
            }
            double[] g = new double[27];
            double e2 = pot.compute(s.withPositions(q), g, null);
            // Only rounding differs (coordinates up to ~30 Å after translation): 1e-12 relative.
            assertEquals(e, e2, 1e-12 * Math.abs(e) + 1e-13);
            for (int a = 0; a < 9; a++) for (int d = 0; d < 3; d++) {
                double rf = 0;
                for (int c = 0; c < 3; c++) rf += r[d][c] * f[3 * a + c];
                assertEquals(rf, g[3 * a + d], 1e-10, "atom " + a);
            }
        }
    }

    static double[][] randomRotation(Random rnd) {
        // Unit quaternion → rotation matrix.
        double w = rnd.nextGaussian(), x = rnd.nextGaussian(), y = rnd.nextGaussian(), z = rnd.nextGaussian();
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n; x /= n; y /= n; z /= n;
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)},
        };
    }

    @Test
    void referenceGeometryIsAMinimum() {
        BondedPotential pot = BondedPotential.fromReference(ETHANOL);
        double[] f = new double[27];
        double e = pot.compute(ETHANOL, f, null);
        // Bonds and angles are exactly at rest; only the r⁻¹² tails of non-bonded pairs remain:
        // the largest, C1…H8 at 3.2 Å with σ = 1.07 Å, is 0.05·(1.07/3.2)¹² ≈ 1e-7 eV, with a force of
        // 12E/r ≈ 4e-7 eV/Å; a few such add up to the 1e-6 range. Bounds 1e-6 eV and 1e-5 eV/Å.
        assertTrue(e >= 0 && e < 1e-6, "energy at the reference " + e);
        for (double x : f) assertEquals(0, x, 1e-5);
        // Hessian by central differences of the analytic forces: positive semidefinite, with only the
        // six rigid-body modes and the two torsions (CH3 and OH rotation, no torsion terms) soft.
        int n3 = 27;
        double h = 1e-5;
        double[] p = ETHANOL.positions();
        SimpleMatrix hess = new SimpleMatrix(n3, n3);
        for (int k = 0; k < n3; k++) {
            double[] q = p.clone();
            q[k] += h;
            double[] fp = pot.forces(ETHANOL.withPositions(q));
            q[k] -= 2 * h;
            double[] fm = pot.forces(ETHANOL.withPositions(q));
            for (int l = 0; l < n3; l++) hess.set(l, k, -(fp[l] - fm[l]) / (2 * h));
        }
        hess = hess.plus(hess.transpose()).scale(0.5);
        SimpleEVD<SimpleMatrix> evd = hess.eig();
        int stiff = 0;
        for (int m = 0; m < n3; m++) {
            double lambda = evd.getEigenvalue(m).getReal();
            assertTrue(lambda > -1e-5, "negative curvature " + lambda + " eV/Å² at the reference");
            if (lambda > 0.1) stiff++;
        }
        assertTrue(stiff >= n3 - 6 - 2, "stiff modes " + stiff);
    }

    @Test
    void staysBoundAndConservesEnergyInVelocityVerlet() {
        // 1000 K: hot, so bonds are stretched far; 4000 steps of 0.25 fs = 1 ps.
        VerletRun r = VerletRun.run(BondedPotential.fromReference(ETHANOL), ETHANOL, 1000, 0.25, 4000, 13);
        // Total energy ≈ 27·½kT ≈ 1.2 eV; Verlet's shadow-energy oscillation at ωdt ≈ 0.15 is ~1e-3 of it.
        assertTrue(r.maxEnergyDrift() < 5e-3, "energy drift " + r.maxEnergyDrift() + " eV");
        assertTrue(r.maxBondStretch() < 1.35, "a bond stretched to " + r.maxBondStretch() + " × its rest length");
    }

    @Test
    void modelFileRoundTripIsExactAndLoadsThroughPotentials(@TempDir Path dir) throws Exception {
        BondedPotential pot = BondedPotential.fromReference(perturbed(ETHANOL, new Random(14), 0.02));
        Path file = dir.resolve("ethanol.json");
        BondedModelFile.write(pot.topology(), file);
        Potential loaded = Potentials.load(file.toString());
        assertEquals(BondedPotential.TYPE, loaded.name());
        assertEquals(BondedModelFile.toJson(pot.topology()), BondedModelFile.toJson(((BondedPotential) loaded).topology()));
        Structure s = perturbed(ETHANOL, new Random(15), 0.05);
        double[] f1 = new double[27], f2 = new double[27];
        assertEquals(pot.compute(s, f1, null), loaded.compute(s, f2, null), 0);
        assertTrue(Arrays.equals(f1, f2));
    }

    @Test
    void builtinEthanolLoadsByName() {
        Potential p = Potentials.load("bonded-ethanol");
        assertTrue(Potentials.builtinNames().contains("bonded-ethanol"));
        assertEquals(0, p.energy(ETHANOL), 1e-6);
    }

    @Test
    void lennardJonesModelFileRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lj.json");
        LennardJonesModelFile.write(new LennardJones(0.0123, 2.95), file);
        LennardJones lj = (LennardJones) Potentials.load(file.toString());
        assertEquals(0.0123, lj.epsilon(), 0);
        assertEquals(2.95, lj.sigma(), 0);
    }

    @Test
    void rejectsStructuresThatDoNotMatchNamingAtomAndValue() {
        BondedPotential pot = BondedPotential.fromReference(ETHANOL);
        int[] z = ETHANOL.atomicNumbers();
        z[2] = 7;
        var e1 = assertThrows(IllegalArgumentException.class, () -> pot.energy(new Structure(z, ETHANOL.positions())));
        assertTrue(e1.getMessage().contains("atom 2 is N") && e1.getMessage().contains("expects O"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> pot.energy(new Structure(new int[] {6, 6}, new double[] {0, 0, 0, 1.5, 0, 0})));
        assertTrue(e2.getMessage().contains("9-atom") && e2.getMessage().contains("2 atoms"), e2.getMessage());
        double[] p = ETHANOL.positions();
        p[3 * 8] = p[3 * 5] + 0.05;
        p[3 * 8 + 1] = p[3 * 5 + 1];
        p[3 * 8 + 2] = p[3 * 5 + 2];
        var e3 = assertThrows(IllegalArgumentException.class, () -> pot.energy(ETHANOL.withPositions(p)));
        assertTrue(e3.getMessage().contains("atoms 5 and 8"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class,
                () -> pot.energy(new Structure(ETHANOL.atomicNumbers(), ETHANOL.positions(), Cell.orthorhombic(20, 20, 20))));
        assertTrue(e4.getMessage().contains("periodic"), e4.getMessage());
    }

    @Test
    void damagedModelFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        var good = BondedModelFile.toJson(TopologyBuilder.fromReference(ETHANOL));
        String[][] cases = {
            {"/bonds/0", "r0_A", "bonds[0]: field \"r0_A\" is missing"},
            {"/angles/2", "k", "angles[2].k"},
            {"", "repulsions", "\"repulsions\" is missing"},
        };
        for (String[] c : cases) {
            var copy = good.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.at(c[0])).remove(c[1]);
            Path f = dir.resolve("bad.json");
            Files.writeString(f, json.writeValueAsString(copy));
            var ex = assertThrows(IllegalArgumentException.class, () -> Potentials.load(f.toString()));
            assertTrue(ex.getMessage().contains(c[2]) && ex.getMessage().contains(f.toString()), ex.getMessage());
        }
        var outOfRange = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) outOfRange.at("/bonds/3")).put("j", 40);
        Path f = dir.resolve("range.json");
        Files.writeString(f, json.writeValueAsString(outOfRange));
        var ex = assertThrows(IllegalArgumentException.class, () -> Potentials.load(f.toString()));
        assertTrue(ex.getMessage().contains("atom 40") && ex.getMessage().contains("9 atoms"), ex.getMessage());
        var negative = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) negative.at("/bonds/0")).put("D_eV", -1.0);
        Files.writeString(f, json.writeValueAsString(negative));
        ex = assertThrows(IllegalArgumentException.class, () -> Potentials.load(f.toString()));
        assertTrue(ex.getMessage().contains("depth D must be positive"), ex.getMessage());
        var version = good.deepCopy();
        version.put("version", 7);
        Files.writeString(f, json.writeValueAsString(version));
        ex = assertThrows(IllegalArgumentException.class, () -> Potentials.load(f.toString()));
        assertTrue(ex.getMessage().contains("version 7"), ex.getMessage());
    }
}
