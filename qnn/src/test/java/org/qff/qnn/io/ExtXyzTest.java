package org.qff.qnn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Structure;

class ExtXyzTest {

    private static final Structure WATER = new Structure(new int[] {8, 1, 1},
            new double[] {0, 0, 0.1173, 0, 0.7572, -0.4692, 0, -0.7572, -0.4692});

    @Test
    void writeThenReadIsExactForEveryField(@TempDir Path dir) throws Exception {
        double[] f = {0.1, -0.2, 1e-17, 3, 4, 5, -6, 7.123456789012345, 8};
        double[] v = {1e-3, 0, 0, 0, 2e-3, 0, 0, 0, -3e-3};
        var a = new ExtXyz.Frame(WATER, -76.4123456789, f, v, Map.of("step", "10", "time_fs", "5.0"));
        var b = new ExtXyz.Frame(WATER.withPositions(new double[] {0.1, 0, 0, 1, 0, 0, 0, 1, 0}), null, null, null, null);
        Path p = dir.resolve("w.xyz");
        ExtXyz.writeAll(p, List.of(a, b));
        List<ExtXyz.Frame> back = ExtXyz.readAll(p);
        assertEquals(2, back.size());
        assertArrayEquals(WATER.positions(), back.get(0).structure().positions(), 0.0);
        assertArrayEquals(WATER.atomicNumbers(), back.get(0).structure().atomicNumbers());
        assertArrayEquals(f, back.get(0).forces(), 0.0);
        assertArrayEquals(v, back.get(0).velocities(), 0.0);
        assertEquals(-76.4123456789, back.get(0).energy());
        assertEquals("10", back.get(0).info().get("step"));
        assertNull(back.get(1).energy());
        assertNull(back.get(1).forces());
        assertFalse(back.get(1).structure().isPeriodic());
    }

    @Test
    void readsAseStyleHeaderWithLatticeExtraColumnsAndQuotedKeys() {
        String text = """
                2
                Lattice="10.0 0.0 0.0 0.0 11.0 0.0 0.0 0.0 12.0" Properties=species:S:1:pos:R:3:tags:I:1:forces:R:3 energy=-1.5 config_type="two words" pbc="T T T"
                Ar 0.0 0.0 0.0 7 0.5 0 0
                Ar 3.8 0.0 0.0 7 -0.5 0 0
                """;
        ExtXyz.Frame fr = ExtXyz.parse(text, "t").getFirst();
        assertTrue(fr.structure().isPeriodic());
        assertEquals(1320.0, fr.structure().cell().volume(), 1e-9);
        assertEquals(-1.5, fr.energy());
        assertArrayEquals(new double[] {0.5, 0, 0, -0.5, 0, 0}, fr.forces(), 0.0);
        assertEquals("two words", fr.info().get("config_type"));
    }

    @Test
    void plainXyzWithFreeCommentIsSpeciesAndPositions() {
        ExtXyz.Frame fr = ExtXyz.parse("1\nhello world\nC 1 2 3\n", "t").getFirst();
        assertEquals(6, fr.structure().atomicNumber(0));
        assertArrayEquals(new double[] {1, 2, 3}, fr.structure().positions(), 0.0);
    }

    @Test
    void zeroCountAndTruncatedAndEmptyFilesNameTheLine() {
        var empty = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("\n\n", "e.xyz"));
        assertTrue(empty.getMessage().contains("e.xyz is empty"), empty.getMessage());
        var trunc = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("3\nx\nH 0 0 0\nH 1 0 0\n", "t.xyz"));
        assertTrue(trunc.getMessage().contains("t.xyz line 4") && trunc.getMessage().contains("truncated"), trunc.getMessage());
        var noComment = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("3\n", "c.xyz"));
        assertTrue(noComment.getMessage().contains("line 1"), noComment.getMessage());
        var count = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("three\nx\n", "n.xyz"));
        assertTrue(count.getMessage().contains("n.xyz line 1") && count.getMessage().contains("three"), count.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("0\nx\n", "z.xyz"));
        assertTrue(zero.getMessage().contains("positive"), zero.getMessage());
    }

    @Test
    void badAtomLinesNameLineAndValue() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("2\nx\nH 0 0 0\nXx 1 0 0\n", "u.xyz"));
        assertTrue(unknown.getMessage().contains("u.xyz line 4") && unknown.getMessage().contains("\"Xx\""), unknown.getMessage());
        var number = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("1\nx\nH 0 abc 0\n", "b.xyz"));
        assertTrue(number.getMessage().contains("line 3") && number.getMessage().contains("abc"), number.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("1\nx\nH 0 NaN 0\n", "b.xyz"));
        assertTrue(nan.getMessage().contains("not finite"), nan.getMessage());
        var cols = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("1\nx\nH 0 0\n", "b.xyz"));
        assertTrue(cols.getMessage().contains("columns"), cols.getMessage());
        var props = assertThrows(IllegalArgumentException.class,
                () -> ExtXyz.parse("1\nProperties=species:S:1:pos:R:2\nH 0 0\n", "p.xyz"));
        assertTrue(props.getMessage().contains("pos:R:3"), props.getMessage());
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class, () -> ExtXyz.readAll(dir.resolve("nope.xyz")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void periodicFrameRoundTripsLattice(@TempDir Path dir) throws Exception {
        Structure s = new Structure(new int[] {18}, new double[] {1, 2, 3}, Cell.orthorhombic(5, 6, 7));
        Path p = dir.resolve("p.xyz");
        ExtXyz.writeAll(p, List.of(ExtXyz.Frame.of(s)));
        assertTrue(Files.readString(p).contains("Lattice=\"5.0 0.0 0.0 0.0 6.0 0.0 0.0 0.0 7.0\""));
        Structure back = ExtXyz.readFirst(p).structure();
        assertEquals(210.0, back.cell().volume(), 1e-12);
    }

    @Test
    void atomicNumberColumnAndBlankLinesBetweenFramesAreAccepted() {
        String text = "1\nProperties=Z:I:1:pos:R:3\n8 0 0 0\n\n1\nProperties=Z:I:1:pos:R:3\n1 1 0 0\n";
        List<ExtXyz.Frame> frames = ExtXyz.parse(text, "z.xyz");
        assertEquals(2, frames.size());
        assertEquals(8, frames.get(0).structure().atomicNumber(0));
        assertEquals(1, frames.get(1).structure().atomicNumber(0));
        var bad = assertThrows(IllegalArgumentException.class, () -> ExtXyz.parse("1\nProperties=Z:I:1:pos:R:3\n200 0 0 0\n", "z.xyz"));
        assertTrue(bad.getMessage().contains("line 3") && bad.getMessage().contains("200"), bad.getMessage());
    }
}
