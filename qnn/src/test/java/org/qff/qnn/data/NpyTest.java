package org.qff.qnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    /**
     * Written by NumPy 1.24.2 (Debian python3-numpy), independently of qff:
     * <pre>
     * np.savez(b, c_f8=np.arange(6, dtype='<f8').reshape(2, 3) / 7.0,
     *   f_f8=np.asfortranarray(np.arange(12, dtype='<f8').reshape(2, 3, 2) * 1.5),
     *   be_i4=np.array([-3, 70000, 5], dtype='>i4'), u1=np.array([1, 6, 8, 255], dtype='u1'),
     *   f4=np.array([[0.1, -2.5], [1e-3, 3.0]], dtype='<f4'), b1=np.array([True, False, True]),
     *   i8=np.array(-1234567890123, dtype='<i8'))
     * </pre>
     * then base64-encoded.
     */
    private static final String NUMPY_NPZ =
            "UEsDBBQAAAAAAAAAIQAjvlaTsAAAALAAAAAIABQAY19mOC5ucHkBABAAsAAAAAAAAACwAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmOC"
            + "csICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCAzKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAKAAAAAAAAAACSJEmSJEnCP5IkSZIkSdI/27Zt27Zt2z+SJEmSJEniP7dt27Zt2+Y/UEsDBBQAAAAAAAAAIQ"
            + "BBaJ6T4AAAAOAAAAAIABQAZl9mOC5ucHkBABAA4AAAAAAAAADgAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxmOCcsICdmb3J0cmFuX29y"
            + "ZGVyJzogVHJ1ZSwgJ3NoYXBlJzogKDIsIDMsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIC"
            + "AgICAgICAKAAAAAAAAAAAAAAAAAAAiQAAAAAAAAAhAAAAAAAAAKEAAAAAAAAAYQAAAAAAAAC5AAAAAAAAA+D8AAAAAAAAlQAAAAAAAABJAAAAA"
            + "AAAAK0AAAAAAAAAeQAAAAAAAgDBAUEsDBBQAAAAAAAAAIQBXV4NXjAAAAIwAAAAJABQAYmVfaTQubnB5AQAQAIwAAAAAAAAAjAAAAAAAAACTTl"
            + "VNUFkBAHYAeydkZXNjcic6ICc+aTQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAgICAgICAgICAgICAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCv////0AARFwAAAABVBLAwQUAAAAAAAAACEAeSTJq4QAAACEAAAABg"
            + "AUAHUxLm5weQEAEACEAAAAAAAAAIQAAAAAAAAAk05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3No"
            + "YXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBBgj/UEsDBB"
            + "QAAAAAAAAAIQD5LBb7kAAAAJAAAAAGABQAZjQubnB5AQAQAJAAAAAAAAAAkAAAAAAAAACTTlVNUFkBAHYAeydkZXNjcic6ICc8ZjQnLCAnZm9y"
            + "dHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIC"
            + "AgICAgICAgICAgICAgCs3MzD0AACDAbxKDOgAAQEBQSwMEFAAAAAAAAAAhABaTjLuDAAAAgwAAAAYAFABiMS5ucHkBABAAgwAAAAAAAACDAAAA"
            + "AAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJ3xiMScsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgIC"
            + "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAQABUEsDBBQAAAAAAAAAIQD4wyWPiAAAAIgAAAAGABQA"
            + "aTgubnB5AQAQAIgAAAAAAAAAiAAAAAAAAACTTlVNUFkBAHYAeydkZXNjcic6ICc8aTgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcG"
            + "UnOiAoKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCjX7BI7g/v//UEsB"
            + "AhQDFAAAAAAAAAAhACO+VpOwAAAAsAAAAAgAAAAAAAAAAAAAAIABAAAAAGNfZjgubnB5UEsBAhQDFAAAAAAAAAAhAEFonpPgAAAA4AAAAAgAAA"
            + "AAAAAAAAAAAIAB6gAAAGZfZjgubnB5UEsBAhQDFAAAAAAAAAAhAFdXg1eMAAAAjAAAAAkAAAAAAAAAAAAAAIABBAIAAGJlX2k0Lm5weVBLAQIU"
            + "AxQAAAAAAAAAIQB5JMmrhAAAAIQAAAAGAAAAAAAAAAAAAACAAcsCAAB1MS5ucHlQSwECFAMUAAAAAAAAACEA+SwW+5AAAACQAAAABgAAAAAAAA"
            + "AAAAAAgAGHAwAAZjQubnB5UEsBAhQDFAAAAAAAAAAhABaTjLuDAAAAgwAAAAYAAAAAAAAAAAAAAIABTwQAAGIxLm5weVBLAQIUAxQAAAAAAAAA"
            + "IQD4wyWPiAAAAIgAAAAGAAAAAAAAAAAAAACAAQoFAABpOC5ucHlQSwUGAAAAAAcABwBzAQAAygUAAAAA";

    @Test
    void readsEveryDtypeAndOrderNumpyWrites(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mixed.npz");
        Files.write(f, Base64.getDecoder().decode(NUMPY_NPZ));
        Map<String, NpyArray> a = Npz.read(f);
        assertEquals(7, a.size());
        NpyArray c = a.get("c_f8");
        assertArrayEquals(new int[] {2, 3}, c.shape());
        for (int k = 0; k < 6; k++) assertEquals(k / 7.0, c.values()[k], 0);
        // Fortran order on disk, C order after reading: element [i][j][k] = 1.5·(6i + 2j + k).
        NpyArray fo = a.get("f_f8");
        assertArrayEquals(new int[] {2, 3, 2}, fo.shape());
        for (int k = 0; k < 12; k++) assertEquals(1.5 * k, fo.values()[k], 0);
        assertArrayEquals(new double[] {-3, 70000, 5}, a.get("be_i4").values(), 0);
        assertEquals(">i4", a.get("be_i4").dtype());
        assertArrayEquals(new double[] {1, 6, 8, 255}, a.get("u1").values(), 0);
        assertTrue(a.get("u1").isIntegral());
        // float32 values widen exactly: 0.1f is 0.10000000149011612 (numpy: float(np.float32(0.1))).
        assertArrayEquals(new double[] {0.10000000149011612, -2.5, 0.0010000000474974513, 3.0}, a.get("f4").values(), 0);
        assertArrayEquals(new double[] {1, 0, 1}, a.get("b1").values(), 0);
        assertEquals(0, a.get("i8").rank());
        assertArrayEquals(new double[] {-1234567890123.0}, a.get("i8").values(), 0);
        assertEquals("(2, 3)", c.shapeString());
        assertEquals("(3,)", a.get("be_i4").shapeString());
    }

    @Test
    void selectedKeysOnlyAndMissingKeyNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mixed.npz");
        Files.write(f, Base64.getDecoder().decode(NUMPY_NPZ));
        assertEquals(java.util.Set.of("u1"), Npz.read(f, "u1").keySet());
        var ex = assertThrows(IllegalArgumentException.class, () -> Npz.read(f, "u1", "coords"));
        assertTrue(ex.getMessage().contains("missing field coords") && ex.getMessage().contains(f.toString()), ex.getMessage());
    }

    @Test
    void malformedArraysNameTheProblem() {
        byte[] good = NpzTestWriter.npy("<f8", new int[] {2, 2}, new byte[32]);
        assertEquals(4, Npy.parse("x", good).values().length);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 5);
        var e1 = assertThrows(IllegalArgumentException.class, () -> Npy.parse("coords", truncated));
        assertTrue(e1.getMessage().startsWith("coords: truncated data") && e1.getMessage().contains("32 bytes"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Npy.parse("coords", "PK\u0003\u0004 not npy".getBytes()));
        assertTrue(e2.getMessage().contains("bad magic"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Npy.parse("names", NpzTestWriter.npy("<U5", new int[] {1}, new byte[20])));
        assertTrue(e3.getMessage().contains("unsupported dtype '<U5'"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> Npy.parse("z", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 100, 0}));
        assertTrue(e4.getMessage().contains("truncated .npy header"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> Npy.parse("c", NpzTestWriter.npy("<c16", new int[] {1}, new byte[16])));
        assertTrue(e5.getMessage().contains("<c16"), e5.getMessage());
    }

    @Test
    void truncatedOrForeignArchivesNameTheFile(@TempDir Path dir) throws Exception {
        byte[] all = NpzTestWriter.molecule(4, 0).bytes();
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        var e1 = assertThrows(IllegalArgumentException.class, () -> Npz.read(cut));
        assertTrue(e1.getMessage().contains(cut.toString()) && e1.getMessage().contains("not a valid NPZ"), e1.getMessage());
        Path text = dir.resolve("text.npz");
        Files.writeString(text, "hello");
        assertThrows(IllegalArgumentException.class, () -> Npz.read(text));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Npz.read(dir.resolve("absent.npz")));
    }
}
