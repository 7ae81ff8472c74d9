package org.qff.simulator.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.simulator.StateVector;
import org.qff.simulator.reference.DenseReference;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void headersAreAlignedFor64ByteBoundariesAtEveryLength() {
        for (long len : new long[] {1, 2, 9, 99, 12345, 1L << 30}) {
            byte[] h = Npy.header("<c16", len);
            assertEquals(0, h.length % 64, "length " + len);
            String text = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("{'descr': '<c16', 'fortran_order': False, 'shape': (" + len + ",), }"), text);
            assertTrue(text.endsWith("\n"));
            assertEquals(h.length - 10, (h[8] & 0xff) | (h[9] & 0xff) << 8);
        }
    }

    @Test
    void statesSpanningSeveralWriteChunksRoundTripExactly() throws IOException {
        int n = 13; // 8192 amplitudes: two chunks of 4096
        double[] v = DenseReference.randomState(n, new Random(1));
        Path f = dir.resolve("s.npy");
        try (StateVector s = StateVector.zero(n)) {
            s.fromInterleaved(v);
            Npy.writeState(f, s);
        }
        byte[] bytes = Files.readAllBytes(f);
        int headerEnd = 10 + ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8);
        ByteBuffer b = ByteBuffer.wrap(bytes, headerEnd, bytes.length - headerEnd).order(ByteOrder.LITTLE_ENDIAN);
        double[] back = new double[v.length];
        for (int i = 0; i < back.length; i++) back[i] = b.getDouble();
        assertArrayEquals(v, back, 0.0);
        assertEquals(0, b.remaining());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("keep.npy");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicWrite.write(f, ch -> {
            ch.write(ByteBuffer.wrap(new byte[100]));
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals("old", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "a temporary file was left behind");
        }
        assertThrows(IOException.class, () -> AtomicWrite.write(dir, ch -> {}));
        assertThrows(IOException.class, () -> AtomicWrite.write(dir.resolve("no/such/dir.npy"), ch -> {}));
    }
}
