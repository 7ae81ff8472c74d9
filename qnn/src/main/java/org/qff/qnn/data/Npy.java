package org.qff.qnn.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the NumPy {@code .npy} format (versions 1.0, 2.0 and 3.0): the magic string, a
 * Python-dict header with {@code descr}, {@code fortran_order} and {@code shape}, then the raw
 * data. Numeric types: float 4/8 bytes, signed and unsigned integers 1–8 bytes, booleans; either
 * byte order; C or Fortran order (Fortran is transposed to C on reading).
 *
 * <p>Written by hand rather than through org.jetbrains.bio:npy so that every malformed input
 * (bad magic, unknown type, truncated data) gives a message naming the array.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * Parses one array.
     *
     * @param name how messages call the array (e.g. "coords in rmd17_ethanol_train_01.npz")
     * @throws IllegalArgumentException naming the array for any malformed content
     */
    public static NpyArray parse(String name, byte[] bytes) {
        for (int k = 0; k < MAGIC.length; k++) {
            if (bytes.length <= k || bytes[k] != MAGIC[k]) throw new IllegalArgumentException(name + ": not a NumPy .npy array (bad magic bytes)");
        }
        if (bytes.length < 10) throw new IllegalArgumentException(name + ": truncated .npy header");
        int major = bytes[6] & 0xff;
        int headerLen;
        int headerStart;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new IllegalArgumentException(name + ": truncated .npy header");
            long len = bb.getInt(8) & 0xffffffffL;
            if (len > Integer.MAX_VALUE - 12) throw new IllegalArgumentException(name + ": .npy header length " + len + " is implausible");
            headerLen = (int) len;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(name + ": unsupported .npy format version " + major);
        }
        if (bytes.length < headerStart + headerLen) throw new IllegalArgumentException(name + ": truncated .npy header");
        String header = new String(bytes, headerStart, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        boolean fortran = group(FORTRAN, header, name, "fortran_order").equals("True");
        int[] shape = parseShape(group(SHAPE, header, name, "shape"), name);

        if (descr.length() < 3) throw new IllegalArgumentException(name + ": unsupported dtype '" + descr + "'");
        ByteOrder order;
        char endian = descr.charAt(0);
        switch (endian) {
            case '<', '|' -> order = ByteOrder.LITTLE_ENDIAN;
            case '>' -> order = ByteOrder.BIG_ENDIAN;
            default -> throw new IllegalArgumentException(name + ": unsupported dtype '" + descr + "'");
        }
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": unsupported dtype '" + descr + "'");
        }
        boolean known = switch (kind) {
            case 'f' -> size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!known) throw new IllegalArgumentException(name + ": unsupported dtype '" + descr + "' (need float, integer or bool)");

        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE) throw new IllegalArgumentException(name + ": shape " + NpyArray.shapeString(shape) + " is too large");
        }
        int dataStart = headerStart + headerLen;
        long need = count * size;
        if (bytes.length - dataStart < need) {
            throw new IllegalArgumentException(name + ": truncated data: shape " + NpyArray.shapeString(shape) + " of " + descr + " needs " + need
                    + " bytes, the file holds " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) need).slice().order(order);
        double[] raw = new double[(int) count];
        for (int k = 0; k < raw.length; k++) {
            int at = k * size;
            raw[k] = switch (kind) {
                case 'f' -> size == 8 ? data.getDouble(at) : data.getFloat(at);
                case 'i' -> switch (size) {
                    case 1 -> data.get(at);
                    case 2 -> data.getShort(at);
                    case 4 -> data.getInt(at);
                    default -> data.getLong(at);
                };
                case 'u' -> switch (size) {
                    case 1 -> data.get(at) & 0xff;
                    case 2 -> data.getShort(at) & 0xffff;
                    case 4 -> data.getInt(at) & 0xffffffffL;
                    default -> unsignedLong(data.getLong(at));
                };
                default -> data.get(at) != 0 ? 1 : 0;
            };
        }
        double[] values = fortran && shape.length > 1 ? fortranToC(raw, shape) : raw;
        return new NpyArray(name, descr, shape, values);
    }

    private static double unsignedLong(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }

    private static String group(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IllegalArgumentException(name + ": .npy header has no readable '" + key + "' entry: " + header.trim());
        return m.group(1);
    }

    private static int[] parseShape(String text, String name) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            if (t.endsWith("L")) t = t.substring(0, t.length() - 1); // Python 2 longs
            try {
                int d = Integer.parseInt(t);
                if (d < 0) throw new NumberFormatException();
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": bad dimension '" + t + "' in .npy shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reorders column-major values into row-major order. */
    private static double[] fortranToC(double[] f, int[] shape) {
        int rank = shape.length;
        double[] c = new double[f.length];
        int[] idx = new int[rank];
        for (int k = 0; k < c.length; k++) {
            // idx is the multi-index of C position k; its Fortran offset has axis 0 fastest.
            int off = 0;
            for (int a = rank - 1; a >= 0; a--) off = off * shape[a] + idx[a];
            c[k] = f[off];
            for (int a = rank - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) break;
                idx[a] = 0;
            }
        }
        return c;
    }
}
