package org.qff.qnn.model;

import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Structure;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.qff.qnn.model.Fixtures.*;

class QnnPotentialTest {

    private static QnnModel[] models() { return new QnnModel[] {revised(), baseline(), speciesPairBaseline()}; }

    private static QnnModel speciesPairBaseline() {
        BaselineModel m = new BaselineModel(CHO, 4.0, 6, 2, true, true);
        QnnModels.randomise(m, 14);
        return m;
    }

    @Test
    void speciesPairCouplingsMakeTheBaselineSpeciesAware() {
        // the plain baseline sees no species: swapping an H for an O at the same place changes only ε, s of that atom
        Structure a = new Structure(new int[] {8, 1, 1}, new double[] {0, 0, 0, 0.96, 0, 0, -0.3, 0.9, 0.1});
        Structure b = new Structure(new int[] {8, 1, 8}, a.positions());
        for (boolean pairs : new boolean[] {false, true}) {
            BaselineModel m = new BaselineModel(CHO, 4.0, 6, 2, true, pairs);
            QnnModels.randomise(m, 15);
            double[] ea = new double[3], eb = new double[3];
            new QnnPotential(m).compute(a, null, ea);
            new QnnPotential(m).compute(b, null, eb);
            // atom 0 (O) sees neighbours at the same places in both; only species-pair couplings tell them apart
            if (pairs) assertTrue(Math.abs(ea[0] - eb[0]) > 1e-6, "species-pair couplings should see the neighbour's species");
            else assertEquals(ea[0], eb[0], 1e-14);
        }
    }

    @Test
    void energyInvariantUnderRotationsTranslationsAndReflections() {
        Random r = new Random(5);
        for (QnnModel m : models()) {
            QnnPotential p = new QnnPotential(m);
            for (Structure s : new Structure[] {SampleMolecules.ethanol(), SampleMolecules.aspirin()}) {
                double e0 = p.energy(s);
                for (int trial = 0; trial < 4; trial++) {
                    double[][] rot = randomOrthogonal(r, trial % 2 == 1);
                    double[] shift = {10 * r.nextGaussian(), 10 * r.nextGaussian(), 10 * r.nextGaussian()};
                    double e = p.energy(s.withPositions(apply(rot, s.positions(), shift)));
                    // rounding in the moved coordinates (|x| ~ 10 Å) and circuit: far below 1e-10 relative
                    assertEquals(e0, e, 1e-10 * Math.abs(e0), m.type() + " " + s + " trial " + trial + (trial % 2 == 1 ? " (reflection)" : ""));
                }
            }
        }
    }

    @Test
    void publishedCircuitsWithoutAveragingAreChiral() {
        // Without reflection averaging the circuit tells a molecule from its mirror image (pseudoscalar
        // terms); this is why the default models average. Rotations still leave it unchanged.
        RevisedModel m = new RevisedModel(CHO, 4.0, 4, 2, org.qff.qnn.model.circuit.Topology.RING, 6, 0.7, false);
        QnnModels.randomise(m, 11);
        QnnPotential p = new QnnPotential(m);
        Structure s = SampleMolecules.ethanol();
        Random r = new Random(9);
        double e0 = p.energy(s);
        double rotated = p.energy(s.withPositions(apply(randomOrthogonal(r, false), s.positions(), new double[3])));
        double mirrored = p.energy(s.withPositions(apply(randomOrthogonal(r, true), s.positions(), new double[3])));
        assertEquals(e0, rotated, 1e-10 * Math.abs(e0));
        assertTrue(Math.abs(mirrored - e0) > 1e-6, "expected a chiral energy, mirror image differs by " + Math.abs(mirrored - e0));
    }

    @Test
    void forcesRotateWithTheMolecule() {
        Random r = new Random(6);
        for (QnnModel m : models()) {
            QnnPotential p = new QnnPotential(m);
            Structure s = SampleMolecules.ethanol();
            double[] f0 = p.forces(s);
            double[][] rot = randomOrthogonal(r, false);
            double[] f1 = p.forces(s.withPositions(apply(rot, s.positions(), new double[] {1, -2, 3})));
            double[] expected = apply(rot, f0, new double[3]);
            double scale = maxAbs(f0);
            for (int k = 0; k < f0.length; k++) assertEquals(expected[k], f1[k], 1e-10 * scale, m.type() + " component " + k);
        }
    }

    @Test
    void energyInvariantUnderPermutationOfIdenticalAtoms() {
        for (QnnModel m : models()) {
            QnnPotential p = new QnnPotential(m);
            Structure s = SampleMolecules.ethanol();
            int[] z = s.atomicNumbers();
            double[] x = s.positions();
            // swap H atoms 3 and 7, and carbons 0 and 1
            int[][] swaps = {{3, 7}, {0, 1}};
            double[] f0 = p.forces(s);
            double e0 = p.energy(s);
            double[] y = x.clone();
            for (int[] sw : swaps) {
                assertEquals(z[sw[0]], z[sw[1]]);
                for (int d = 0; d < 3; d++) { y[3 * sw[0] + d] = x[3 * sw[1] + d]; y[3 * sw[1] + d] = x[3 * sw[0] + d]; }
            }
            Structure t = new Structure(z, y);
            assertEquals(e0, p.energy(t), 1e-12 * Math.abs(e0), m.type());
            double[] f1 = p.forces(t);
            for (int[] sw : swaps) for (int d = 0; d < 3; d++) assertEquals(f0[3 * sw[0] + d], f1[3 * sw[1] + d], 1e-12);
        }
    }

    @Test
    void forcesAreMinusTheEnergyGradientForBothArchitecturesAndMethods() {
        for (QnnModel m : models()) {
            for (DerivativeMethod method : DerivativeMethod.values()) {
                QnnPotential p = new QnnPotential(m, method);
                Structure s = SampleMolecules.ethanol();
                double[] f = p.forces(s);
                double[] fd = fdForces(p, s, 1e-5);
                double scale = maxAbs(fd);
                // central FD truncation error ~ h²·E''' ~ 1e-10·scale; rounding ~ 1e-16·|E|/h ~ 1e-11
                for (int k = 0; k < f.length; k++) assertEquals(fd[k], f[k], 1e-6 * scale, m.type() + " " + method + " component " + k);
            }
        }
    }

    @Test
    void adjointAndParameterShiftForcesAgree() {
        for (QnnModel m : models()) {
            Structure s = SampleMolecules.aspirin();
            double[] fa = new double[3 * s.size()], fs = new double[3 * s.size()];
            double ea = new QnnPotential(m, DerivativeMethod.ADJOINT).compute(s, fa, null);
            double es = new QnnPotential(m, DerivativeMethod.PARAMETER_SHIFT).compute(s, fs, null);
            assertEquals(ea, es, 1e-12 * Math.abs(ea));
            double scale = maxAbs(fa);
            for (int k = 0; k < fa.length; k++) assertEquals(fa[k], fs[k], 1e-9 * scale, m.type() + " component " + k);
        }
    }

    @Test
    void generalSimulatorBackendGivesTheSameEnergiesAndForces() {
        for (QnnModel m : models()) {
            for (DerivativeMethod method : DerivativeMethod.values()) {
                Structure s = SampleMolecules.ethanol();
                double[] fa = new double[27], fb = new double[27];
                double ea = new QnnPotential(m, method, CircuitBackend.SMALL_ENGINE).compute(s, fa, null);
                double eb = new QnnPotential(m, method, CircuitBackend.GENERAL_SIMULATOR).compute(s, fb, null);
                assertEquals(ea, eb, 1e-12 * Math.abs(ea));
                for (int k = 0; k < 27; k++) assertEquals(fa[k], fb[k], 1e-10 * maxAbs(fa), m.type() + " " + method + " component " + k);
            }
        }
    }

    @Test
    void perSpeciesOffsetsAndScalesEnterAsDocumented() {
        QnnModel m = revised();
        Structure s = SampleMolecules.ethanol();   // C2 O1 H6
        double[] ea = new double[9];
        new QnnPotential(m).compute(s, null, ea);
        m.setEpsilon(6, 1.5);
        m.setEpsilon(1, -0.25);
        m.setScale(8, 2.0);
        double[] eb = new double[9];
        new QnnPotential(m).compute(s, null, eb);
        for (int i = 0; i < 9; i++) {
            int z = s.atomicNumber(i);
            double expected = z == 6 ? ea[i] + 1.5 : z == 1 ? ea[i] - 0.25 : 2.0 * ea[i];
            assertEquals(expected, eb[i], 1e-12, "atom " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> m.setEpsilon(7, 1.0));
        assertThrows(IllegalArgumentException.class, () -> m.setScale(1, Double.NaN));
    }

    @Test
    void atomEnergiesSumToTheEnergy() {
        QnnPotential p = new QnnPotential(revised());
        Structure s = SampleMolecules.aspirin();
        double[] ea = new double[s.size()];
        double e = p.compute(s, null, ea);
        double sum = 0;
        for (double v : ea) sum += v;
        assertEquals(e, sum, 1e-12 * Math.abs(e));
        assertEquals(e, p.compute(s, new double[3 * s.size()], null), 1e-12 * Math.abs(e));
    }

    @Test
    void isolatedAtomHasAFiniteEnergyAndNoForce() {
        for (QnnModel m : models()) {
            QnnPotential p = new QnnPotential(m);
            Structure s = new Structure(new int[] {8}, new double[] {0.3, -1, 2});
            double[] f = new double[3];
            double e = p.compute(s, f, null);
            assertTrue(Double.isFinite(e));
            // singlets, v = 0: ⟨σ_a·σ_b⟩ over the ring is −3 on singlet edges and 0 elsewhere, then exchange mixes: just finite and force-free
            assertArrayEquals(new double[3], f, 0);
            assertEquals(0.0, p.compute(new Structure(new int[0], new double[0]), new double[0], new double[0]));
            // two atoms beyond the cutoff: the sum of two isolated atoms
            Structure two = new Structure(new int[] {8, 8}, new double[] {0, 0, 0, 0, 0, m.cutoff() + 0.5});
            assertEquals(2 * e, p.energy(two), 1e-12 * Math.abs(e));
        }
    }

    @Test
    void revisedIsSmoothAcrossTheCutoffAndBaselineIsNot() {
        RevisedModel rev = revised();
        BaselineModel base = baseline();
        double rc = rev.cutoff();
        assertEquals(rc, base.cutoff());
        // O–H bond plus a far H that crosses the cutoff of the O only (it stays > r_c from the bonded H).
        java.util.function.DoubleFunction<Structure> at = d -> new Structure(new int[] {8, 1, 1}, new double[] {0, 0, 0, -0.97, 0, 0, d, 0, 0});
        double delta = 1e-7;
        QnnPotential pr = new QnnPotential(rev), pb = new QnnPotential(base);
        double jumpR = Math.abs(pr.energy(at.apply(rc + delta)) - pr.energy(at.apply(rc - delta)));
        assertTrue(jumpR < 1e-8, "revised energy changes by " + jumpR + " eV across the cutoff");
        double jumpB = Math.abs(pb.energy(at.apply(rc + delta)) - pb.energy(at.apply(rc - delta)));
        assertTrue(jumpB > 1e-6, "baseline is documented to jump at the cutoff, changed by only " + jumpB);
    }

    @Test
    void revisedIsSmoothWhenNeighboursChangeOrderAndBaselineIsNot() {
        // O with H1 at 1.0 Å and H2 at 1.0 ± δ: their distance order flips at δ = 0. A third H at a
        // different distance and angle is needed for the baseline's jump to show: with two equal-length
        // vectors alone, swapping their slots leaves every rotational invariant unchanged.
        java.util.function.DoubleFunction<Structure> at = d -> new Structure(new int[] {8, 1, 1, 1},
                new double[] {0, 0, 0, 1.0, 0, 0, 0, 0.6 * (1.0 + d), 0.8 * (1.0 + d), -0.7, -0.3, 0.1});
        double delta = 1e-9;
        double jumpR = Math.abs(new QnnPotential(revised()).energy(at.apply(delta)) - new QnnPotential(revised()).energy(at.apply(-delta)));
        assertTrue(jumpR < 1e-8, "revised energy changes by " + jumpR + " eV across a reordering");
        QnnPotential pb = new QnnPotential(baseline());
        double jumpB = Math.abs(pb.energy(at.apply(delta)) - pb.energy(at.apply(-delta)));
        assertTrue(jumpB > 1e-6, "baseline is documented to jump at a reordering, changed by only " + jumpB);
    }

    @Test
    void periodicCellsUseTheMinimumImage() {
        QnnPotential p = new QnnPotential(revised());
        Structure mol = SampleMolecules.ethanol();
        // a cell much larger than molecule + cutoff: same as the isolated molecule
        Structure big = new Structure(mol.atomicNumbers(), mol.positions(), org.qff.qnn.atoms.Cell.orthorhombic(30, 30, 30));
        assertEquals(p.energy(mol), p.energy(big), 1e-12 * Math.abs(p.energy(mol)));
        // a cell just over twice the cutoff: an atom moved by a lattice vector is found through its minimum image
        org.qff.qnn.atoms.Cell cell = org.qff.qnn.atoms.Cell.orthorhombic(8.5, 9, 9.5);
        Structure s = new Structure(mol.atomicNumbers(), mol.positions(), cell);
        double[] x = mol.positions();
        x[3 * 4 + 1] += 9;
        assertEquals(p.energy(s), p.energy(new Structure(mol.atomicNumbers(), x, cell)), 1e-12 * Math.abs(p.energy(s)));
        double[] f = p.forces(s), fd = fdForces(p, s, 1e-5);
        for (int k = 0; k < f.length; k++) assertEquals(fd[k], f[k], 1e-6 * maxAbs(fd), "component " + k);
    }

    @Test
    void oneCallOnSeveralThreadsGivesTheSameAnswer() {
        QnnPotential p1 = new QnnPotential(revised());
        Structure s = SampleMolecules.aspirin();
        double[] f1 = new double[63], a1 = new double[21];
        double e1 = p1.compute(s, f1, a1);
        for (int t : new int[] {2, 3, 5}) {
            QnnPotential pt = p1.withThreads(t);
            assertEquals(t, pt.threads());
            double[] ft = new double[63], at = new double[21];
            double et = pt.compute(s, ft, at);
            // same per-atom arithmetic; only the order of the final sums differs
            assertEquals(e1, et, 1e-12 * Math.abs(e1));
            assertArrayEquals(a1, at, 0);
            for (int k = 0; k < 63; k++) assertEquals(f1[k], ft[k], 1e-12 * maxAbs(f1));
            assertEquals(e1, pt.energy(s), 1e-12 * Math.abs(e1));
        }
        assertThrows(IllegalArgumentException.class, () -> p1.withThreads(0));
        double[] x = s.positions();
        x[3 * 17] = x[3 * 4] + 0.01;
        x[3 * 17 + 1] = x[3 * 4 + 1];
        x[3 * 17 + 2] = x[3 * 4 + 2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p1.withThreads(2).forces(s.withPositions(x)));
        assertTrue(e.getMessage().startsWith("atoms 4 and 17"), e.getMessage());
    }

    @Test
    void concurrentCallsGiveTheSameAnswer() throws Exception {
        QnnPotential p = new QnnPotential(revised());
        Structure s = SampleMolecules.aspirin();
        double[] ref = p.forces(s);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<double[]>>();
            for (int k = 0; k < 8; k++) futures.add(pool.submit(() -> p.forces(s)));
            for (var fu : futures) assertArrayEquals(ref, fu.get(), 0);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badInputIsRejectedNamingAtomAndValue() {
        QnnPotential p = new QnnPotential(revised());
        IllegalArgumentException e;
        e = assertThrows(IllegalArgumentException.class, () -> new Structure(new int[] {1, 8}, new double[] {0, 0, 0, Double.NaN, 0, 0}));
        assertTrue(e.getMessage().contains("atom 1") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Structure(new int[] {1, 200}, new double[] {0, 0, 0, 1, 0, 0}));
        assertTrue(e.getMessage().contains("atom 1") && e.getMessage().contains("200"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.energy(new Structure(new int[] {1, 8, 1}, new double[] {0, 0, 0, 1, 0, 0, 1.05, 0, 0})));
        assertTrue(e.getMessage().contains("atoms 1 and 2") && e.getMessage().contains("0.05"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.forces(new Structure(new int[] {1, 7}, new double[] {0, 0, 0, 1, 0, 0})));
        assertTrue(e.getMessage().contains("atom 1") && e.getMessage().contains("7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.compute(SampleMolecules.ethanol(), new double[5], null));
        QnnModel huge = revised();
        double[] hw = huge.getParameters();
        java.util.Arrays.fill(hw, huge.block("radial_weights").offset(), huge.block("couplings").offset(), 1e200);
        huge.setParameters(hw);
        e = assertThrows(IllegalArgumentException.class, () -> new QnnPotential(huge).forces(SampleMolecules.ethanol()));
        assertTrue(e.getMessage().contains("atom 0") && e.getMessage().contains("not finite"), e.getMessage());
        QnnModel m = revised();
        double[] w = m.getParameters();
        w[17] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> m.setParameters(w));
        assertTrue(e.getMessage().contains("radial_weights[11]"), e.getMessage());
    }
}
