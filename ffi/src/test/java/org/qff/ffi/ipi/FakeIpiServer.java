package org.qff.ffi.ipi;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/**
 * A scripted i-PI server for protocol tests: binds /tmp/ipi_NAME, accepts one driver, and lets the
 * test send well-formed or broken bytes and read the replies (blocking, little-endian).
 */
final class FakeIpiServer implements AutoCloseable {
    final IpiEndpoint endpoint;
    private final ServerSocketChannel server;
    private SocketChannel client;

    FakeIpiServer(String name) throws IOException {
        endpoint = IpiEndpoint.unix(name);
        Files.deleteIfExists(endpoint.unixPath());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(endpoint.unixPath()));
    }

    void accept() throws IOException {
        client = server.accept();
    }

    void header(String h) throws IOException {
        byte[] b = new byte[12];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] t = h.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, Math.min(12, t.length));
        write(ByteBuffer.wrap(b));
    }

    void ints(int... v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        write(b.flip());
    }

    void doubles(double... v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        write(b.flip());
    }

    /** POSDATA with the given cell (row-major h, Bohr) and positions (Bohr). */
    void posdata(double[] cell, double[] positionsBohr) throws IOException {
        header("POSDATA");
        doubles(cell);
        doubles(new double[9]);
        ints(positionsBohr.length / 3);
        doubles(positionsBohr);
    }

    void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) client.write(b);
    }

    String readHeader() throws IOException {
        return new String(read(12).array(), java.nio.charset.StandardCharsets.US_ASCII).trim();
    }

    ByteBuffer read(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (client.read(b) < 0) throw new IOException("driver closed the connection");
        }
        return b.flip();
    }

    /** Closes the connection to the driver (the listening socket stays). */
    void hangUp() throws IOException {
        client.close();
    }

    @Override
    public void close() throws IOException {
        if (client != null) client.close();
        server.close();
        Files.deleteIfExists(endpoint.unixPath());
    }
}
