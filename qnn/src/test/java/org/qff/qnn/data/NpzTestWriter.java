package org.qff.qnn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small NPZ archives (stored, like numpy.savez) for reader tests. */
final class NpzTestWriter {
    private final Map<String, byte[]> members = new LinkedHashMap<>();
    private boolean compressed;

    /** Deflate the members, as numpy.savez_compressed does. */
    NpzTestWriter compressed() {
        compressed = true;
        return this;
    }

    /** A little-endian float64 array. */
    NpzTestWriter f8(String key, double[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) b.putDouble(v);
        members.put(key, npy("<f8", shape, b.array()));
        return this;
    }

    NpzTestWriter u1(String key, int[] values) {
        byte[] b = new byte[values.length];
        for (int k = 0; k < values.length; k++) b[k] = (byte) values[k];
        members.put(key, npy("|u1", new int[] {values.length}, b));
        return this;
    }

    NpzTestWriter raw(String key, byte[] npyBytes) {
        members.put(key, npyBytes);
        return this;
    }

    static byte[] npy(String descr, int[] shape, byte[] data) {
        StringBuilder sh = new StringBuilder("(");
        for (int d : shape) sh.append(d).append(", ");
        if (shape.length > 1) sh.setLength(sh.length() - 2);
        else if (shape.length == 1) sh.setLength(sh.length() - 1);
        sh.append(")");
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh + ", }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        out.write(h.length & 0xff);
        out.write(h.length >> 8);
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    byte[] bytes() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bos)) {
            for (var e : members.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey() + ".npy");
                if (compressed) {
                    z.setMethod(ZipEntry.DEFLATED);
                } else {
                    z.setMethod(ZipEntry.STORED);
                    z.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    z.setCrc(crc.getValue());
                }
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bos.toByteArray();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes());
        }
    }

    /** A synthetic rMD17-like file: frames of a 3-atom molecule, labels in kcal/mol. */
    static NpzTestWriter molecule(int frames, double energyOffset) {
        int n = 3;
        double[] r = new double[frames * n * 3], f = new double[frames * n * 3], e = new double[frames];
        for (int k = 0; k < frames; k++) {
            e[k] = energyOffset + k;
            for (int c = 0; c < 3 * n; c++) {
                r[k * 3 * n + c] = 0.01 * k + c;
                f[k * 3 * n + c] = 100.0 * k + c;
            }
        }
        return new NpzTestWriter().u1("nuclear_charges", new int[] {8, 1, 1}).f8("coords", r, frames, n, 3).f8("energies", e, frames)
                .f8("forces", f, frames, n, 3);
    }
}
