package org.qff.ffi.ipi;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;

/**
 * The server side of the i-PI protocol, minimal: listens, accepts one driver, and for each
 * {@link #compute} sends STATUS / POSDATA / STATUS / GETFORCE and reads FORCEREADY. Atomic units
 * on both sides of this class (Bohr, Hartree), as on the wire. Used to measure a round trip and to
 * let a Java MD loop use any i-PI driver.
 */
public final class IpiServer implements AutoCloseable {
    private final IpiEndpoint endpoint;
    private final ServerSocketChannel server;
    private final long timeoutMillis;
    private IpiConnection conn;

    /** What a driver returned (atomic units). */
    public record Forces(double energy, double[] forces, double[] virial) {}

    /** Binds the endpoint (a stale Unix socket file of the same name is replaced). */
    public IpiServer(IpiEndpoint endpoint, long timeoutMillis) throws IOException {
        this.endpoint = endpoint;
        this.timeoutMillis = timeoutMillis;
        if (endpoint.isUnix()) {
            Files.deleteIfExists(endpoint.unixPath());
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            server = ServerSocketChannel.open();
            server.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
        }
        server.bind(endpoint.address());
    }

    /** Waits for the driver to connect. */
    public void accept() throws IOException {
        var ch = server.accept();
        if (!endpoint.isUnix()) ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        conn = new IpiConnection(ch, timeoutMillis);
    }

    /**
     * One step: the driver gets the cell (row-major h, lattice vectors as columns, Bohr; zeros for
     * none) and positions (Bohr) and returns energy, forces and virial.
     */
    public Forces compute(double[] cell, double[] positions) throws IOException {
        if (conn == null) throw new IllegalStateException("no driver connected: call accept() first");
        status(IpiHeader.READY);
        int n = positions.length / 3;
        ByteBuffer b = IpiConnection.payload(12 + 144 + 4 + 8 * positions.length).put(IpiHeader.POSDATA.bytes());
        for (double v : cell) b.putDouble(v);
        double[] inv = inverse(cell);
        for (double v : inv) b.putDouble(v);
        b.putInt(n);
        for (double v : positions) b.putDouble(v);
        conn.writeFully(b.flip());
        status(IpiHeader.HAVEDATA);
        conn.write(IpiHeader.GETFORCE);
        IpiHeader h = conn.readHeaderOrEnd();
        if (h != IpiHeader.FORCEREADY) throw new IpiProtocolException("expected FORCEREADY from the driver, got " + h);
        double[] e = new double[1];
        conn.readDoubles(e, 1, "the energy");
        int m = conn.readInt("the atom count");
        if (m != n) throw new IpiProtocolException("the driver returned forces for " + m + " atoms, sent " + n);
        double[] f = new double[3 * n];
        conn.readDoubles(f, 3 * n, "the forces");
        double[] w = new double[9];
        conn.readDoubles(w, 9, "the virial");
        int extra = conn.readInt("the extra string length");
        if (extra < 0 || extra > (1 << 24)) throw new IpiProtocolException("extra string length " + extra + " is impossible");
        conn.readBytes(extra, "the extra string");
        return new Forces(e[0], f, w);
    }

    private void status(IpiHeader expected) throws IOException {
        conn.write(IpiHeader.STATUS);
        IpiHeader h = conn.readHeaderOrEnd();
        if (h == IpiHeader.NEEDINIT && expected == IpiHeader.READY) {
            ByteBuffer b = IpiConnection.payload(12 + 9).put(IpiHeader.INIT.bytes()).putInt(0).putInt(1).put((byte) 0);
            conn.writeFully(b.flip());
            conn.write(IpiHeader.STATUS);
            h = conn.readHeaderOrEnd();
        }
        if (h != expected) throw new IpiProtocolException("expected " + expected + " from the driver, got " + h);
    }

    /** Ends the session: EXIT, then close. */
    @Override
    public void close() throws IOException {
        try {
            if (conn != null) {
                try {
                    conn.write(IpiHeader.EXIT);
                } catch (IOException ignored) {
                    // the driver may be gone already
                }
                conn.close();
            }
        } finally {
            server.close();
            if (endpoint.isUnix()) Files.deleteIfExists(endpoint.unixPath());
        }
    }

    /** Inverse of a 3×3 matrix; zeros for a singular one (no cell). */
    static double[] inverse(double[] m) {
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        if (det == 0) return new double[9];
        return new double[] {
            (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det};
    }
}
