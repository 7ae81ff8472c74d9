package org.qff.ffi.ipi;

import java.nio.charset.StandardCharsets;

/**
 * The 12-byte message headers of the i-PI protocol: ASCII, padded on the right with spaces.
 * Servers (i-PI, ASE's SocketIOCalculator) send STATUS, INIT, POSDATA, GETFORCE, EXIT; drivers
 * answer READY, NEEDINIT, HAVEDATA, FORCEREADY.
 */
public enum IpiHeader {
    STATUS, READY, NEEDINIT, HAVEDATA, INIT, POSDATA, GETFORCE, FORCEREADY, EXIT;

    public static final int LENGTH = 12;

    /** The header as sent on the wire. */
    public byte[] bytes() {
        byte[] b = new byte[LENGTH];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] name = name().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, b, 0, name.length);
        return b;
    }

    /**
     * Parses 12 received bytes; trailing spaces (and NULs, which some C drivers pad with) are
     * ignored.
     *
     * @throws IpiProtocolException naming the bytes when they are no known header
     */
    public static IpiHeader parse(byte[] raw) throws IpiProtocolException {
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == ' ' || raw[end - 1] == 0)) end--;
        String text = new String(raw, 0, end, StandardCharsets.US_ASCII);
        for (IpiHeader h : values()) if (h.name().equals(text)) return h;
        throw new IpiProtocolException("unknown i-PI header \"" + printable(raw) + "\"");
    }

    private static String printable(byte[] raw) {
        StringBuilder sb = new StringBuilder();
        for (byte b : raw) {
            int c = b & 0xff;
            if (c >= 32 && c < 127) sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        return sb.toString();
    }
}
