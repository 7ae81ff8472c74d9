package org.qff.qnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Units;

/** The two rMD17 layouts on small archives the tests write themselves. */
class Rmd17Test {
    private static final double KCAL = Units.KCAL_PER_MOL;

    @Test
    void preSplitFileConvertsKcalPerMolToEv(@TempDir Path root) throws Exception {
        Path file = root.resolve("rmd17").resolve("rmd17_ethanol_train_02.npz");
        NpzTestWriter.molecule(5, -1000).write(file);
        Dataset d = Rmd17.load(root, "ethanol", Rmd17.Part.TRAIN, 2);
        assertEquals(5, d.size());
        assertEquals(3, d.atomCount());
        assertArrayEquals(new int[] {8, 1, 1}, d.atomicNumbers());
        assertEquals((-1000 + 3) * KCAL, d.energy(3), 0);
        // coords[3][2][1] = 0.03 + 7 Å (no conversion); forces[3][2][1] = 300 + 7 kcal/mol/Å.
        assertEquals(0.01 * 3 + 7, d.positions(3)[7], 0);
        assertEquals((100.0 * 3 + 7) * KCAL, d.forces(3)[7], 0);
        assertEquals(d.positions(4)[0], d.structure(4).x(0), 0);
    }

    @Test
    void compressedArchivesReadTheSame(@TempDir Path dir) throws Exception {
        Path stored = dir.resolve("stored.npz"), deflated = dir.resolve("deflated.npz");
        NpzTestWriter.molecule(6, 12).write(stored);
        NpzTestWriter.molecule(6, 12).compressed().write(deflated);
        assertTrue(Files.size(deflated) < Files.size(stored));
        assertEquals(Rmd17.readSplitFile(stored), Rmd17.readSplitFile(deflated));
    }

    @Test
    void missingFileSaysHowToFetch(@TempDir Path root) {
        var ex = assertThrows(IOException.class, () -> Rmd17.load(root, "aspirin", Rmd17.Part.TEST, 1));
        assertTrue(ex.getMessage().contains("rmd17_aspirin_test_01.npz") && ex.getMessage().contains("qff data fetch rmd17"), ex.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Rmd17.load(root, "ethanoll", Rmd17.Part.TEST, 1));
        assertTrue(e2.getMessage().contains("ethanoll"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Rmd17.load(root, "ethanol", Rmd17.Part.TEST, 6));
        assertTrue(e3.getMessage().contains("6"), e3.getMessage());
    }

    @Test
    void badContentNamesFileAndField(@TempDir Path dir) throws Exception {
        double[] r = new double[2 * 3 * 3];
        double[] f = new double[2 * 3 * 3];
        double[] e = {1, 2};
        Path p = dir.resolve("bad.npz");

        new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1, 1}).f8("coords", r, 2, 3, 3).f8("energies", e, 2).write(p);
        assertMessage(p, "missing field forces");

        new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1, 1}).f8("coords", r, 2, 3, 3).f8("energies", e, 2)
                .f8("forces", new double[2 * 2 * 3], 2, 2, 3).write(p);
        assertMessage(p, "field forces has shape (2, 2, 3), expected (2, 3, 3)");

        new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1}).f8("coords", r, 2, 3, 3).f8("energies", e, 2).f8("forces", f, 2, 3, 3).write(p);
        assertMessage(p, "field coords has shape (2, 3, 3), expected (F, 2, 3)");

        new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1, 1}).f8("coords", r, 2, 3, 3).f8("energies", new double[] {1, 2, 3}, 3)
                .f8("forces", f, 2, 3, 3).write(p);
        assertMessage(p, "field energies has shape (3,), expected (2,)");

        new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1, 1}).f8("coords", r, 2, 3, 3).f8("energies", new double[] {1, Double.NaN}, 2)
                .f8("forces", f, 2, 3, 3).write(p);
        assertMessage(p, "energies[1] is NaN");

        double[] fInf = f.clone();
        fInf[3 * 3 + 2 * 3 + 1] = Double.POSITIVE_INFINITY;
        new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1, 1}).f8("coords", r, 2, 3, 3).f8("energies", e, 2).f8("forces", fInf, 2, 3, 3).write(p);
        assertMessage(p, "forces[1][2][1] is Infinity");

        new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1, 0}).f8("coords", r, 2, 3, 3).f8("energies", e, 2).f8("forces", f, 2, 3, 3).write(p);
        assertMessage(p, "nuclear_charges[2] = 0");

        new NpzTestWriter().f8("nuclear_charges", new double[] {8, 1, 1}, 3).f8("coords", r, 2, 3, 3).f8("energies", e, 2).f8("forces", f, 2, 3, 3).write(p);
        assertMessage(p, "nuclear_charges has dtype <f8");
    }

    private static void assertMessage(Path p, String expected) {
        var ex = assertThrows(IllegalArgumentException.class, () -> Rmd17.readSplitFile(p));
        assertTrue(ex.getMessage().contains(p.toString()) && ex.getMessage().contains(expected), ex.getMessage());
    }

    @Test
    void mismatchedMoleculesBetweenFilesAreNamed(@TempDir Path root) throws Exception {
        NpzTestWriter.molecule(3, 0).write(root.resolve("rmd17/rmd17_ethanol_train_01.npz"));
        new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1}).f8("coords", new double[6], 1, 2, 3).f8("energies", new double[1], 1)
                .f8("forces", new double[6], 1, 2, 3).write(root.resolve("rmd17/rmd17_ethanol_test_01.npz"));
        Dataset train = Rmd17.load(root, "ethanol", Rmd17.Part.TRAIN, 1);
        Dataset test = Rmd17.load(root, "ethanol", Rmd17.Part.TEST, 1);
        var ex = assertThrows(IllegalArgumentException.class, () -> train.requireSameMolecule(test));
        assertTrue(ex.getMessage().contains("rmd17_ethanol_test_01.npz has 2 atoms") && ex.getMessage().contains("train_01.npz has 3"), ex.getMessage());
    }

    @Test
    void archiveLayoutSelectsSplitIndices(@TempDir Path root) throws Exception {
        NpzTestWriter.molecule(20, 500).write(root.resolve("npz_data/rmd17_uracil.npz"));
        Files.createDirectories(root.resolve("splits"));
        Files.writeString(root.resolve("splits/index_train_01.csv"), "7\n3\n19\n0\n");
        Files.writeString(root.resolve("splits/index_test_01.csv"), "12.0\n4\n");
        Dataset train = Rmd17Archive.split(root, "uracil", Rmd17.Part.TRAIN, 1);
        assertEquals(4, train.size());
        int[] expected = {7, 3, 19, 0};
        for (int t = 0; t < 4; t++) {
            assertEquals((500 + expected[t]) * KCAL, train.energy(t), 0);
            assertEquals((100.0 * expected[t] + 5) * KCAL, train.forces(t)[5], 0);
            assertEquals(0.01 * expected[t] + 8, train.positions(t)[8], 0);
        }
        Dataset test = Rmd17Archive.split(root, "uracil", Rmd17.Part.TEST, 1);
        assertEquals((500 + 12) * KCAL, test.energy(0), 0);
        assertTrue(test.name().contains("rmd17_uracil_test_01"));
    }

    @Test
    void archiveIndexErrorsNameFileAndLine(@TempDir Path root) throws Exception {
        NpzTestWriter.molecule(20, 0).write(root.resolve("npz_data/rmd17_benzene.npz"));
        Files.createDirectories(root.resolve("splits"));
        Path csv = root.resolve("splits/index_train_02.csv");
        Files.writeString(csv, "1\n2\n20\n");
        var e1 = assertThrows(IllegalArgumentException.class, () -> Rmd17Archive.split(root, "benzene", Rmd17.Part.TRAIN, 2));
        assertTrue(e1.getMessage().contains(csv.toString()) && e1.getMessage().contains("index 20 on data line 3") && e1.getMessage().contains("0..19"),
                e1.getMessage());
        Files.writeString(csv, "1\n-2\n");
        assertThrows(IllegalArgumentException.class, () -> Rmd17Archive.split(root, "benzene", Rmd17.Part.TRAIN, 2));
        Files.writeString(csv, "1\nfoo\n");
        var e2 = assertThrows(IllegalArgumentException.class, () -> Rmd17Archive.split(root, "benzene", Rmd17.Part.TRAIN, 2));
        assertTrue(e2.getMessage().contains("line 2") && e2.getMessage().contains("foo"), e2.getMessage());
        Files.writeString(csv, "1.5\n");
        assertThrows(IllegalArgumentException.class, () -> Rmd17Archive.split(root, "benzene", Rmd17.Part.TRAIN, 2));
        var e3 = assertThrows(IOException.class, () -> Rmd17Archive.split(root, "benzene", Rmd17.Part.TEST, 2));
        assertTrue(e3.getMessage().contains("index_test_02.csv"), e3.getMessage());
        var e4 = assertThrows(IOException.class, () -> Rmd17Archive.split(root, "toluene", Rmd17.Part.TEST, 2));
        assertTrue(e4.getMessage().contains("rmd17_toluene.npz"), e4.getMessage());
    }
}
