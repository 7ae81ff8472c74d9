package org.qff.simulator.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.qff.simulator.StateVector;

/**
 * NumPy .npy output of a state vector: dtype complex128 ({@code '<c16'}), shape (2^n,), amplitude i
 * at index i with qubit 0 the least significant bit of i (Qiskit's order). Format version 1.0:
 * magic, version, a little-endian header length, a Python-literal header padded with spaces to a
 * 64-byte boundary, then the raw little-endian data. Streams in chunks, so any state size works.
 */
public final class Npy {
    private Npy() {}

    private static final int CHUNK = 1 << 12; // amplitudes per write

    /** Writes the state atomically (temp file + rename). */
    public static void writeState(Path file, StateVector s) throws IOException {
        AtomicWrite.write(file, ch -> writeState(ch, s));
    }

    static void writeState(FileChannel ch, StateVector s) throws IOException {
        writeFully(ch, ByteBuffer.wrap(header("<c16", s.dimension())));
        ByteBuffer buf = ByteBuffer.allocate(16 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < s.dimension(); i++) {
            buf.putDouble(s.re(i)).putDouble(s.im(i));
            if (!buf.hasRemaining()) {
                buf.flip();
                writeFully(ch, buf);
                buf.clear();
            }
        }
        buf.flip();
        writeFully(ch, buf);
    }

    /** The full preamble (magic through padded header) for a one-dimensional array. */
    public static byte[] header(String descr, long length) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + length + ",), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        byte[] h = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h);
        return b.array();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
