package org.qff.ffi.ipi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where the i-PI server listens: a Unix domain socket named by the i-PI convention
 * {@code /tmp/ipi_NAME}, or a TCP host and port.
 */
public record IpiEndpoint(String unixName, String host, int port) {

    /** The directory and prefix i-PI, ASE and the Fortran drivers all use for Unix sockets. */
    public static final String UNIX_PREFIX = "/tmp/ipi_";

    public IpiEndpoint {
        if ((unixName == null) == (host == null)) {
            throw new IllegalArgumentException("give either a Unix socket name or a host and port, not both or neither");
        }
        if (unixName != null && (unixName.isBlank() || unixName.contains("/"))) {
            throw new IllegalArgumentException("Unix socket name \"" + unixName + "\" must be non-empty and contain no '/' (the socket is "
                    + UNIX_PREFIX + "NAME)");
        }
        if (host != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    public static IpiEndpoint unix(String name) {
        return new IpiEndpoint(name, null, 0);
    }

    public static IpiEndpoint tcp(String host, int port) {
        return new IpiEndpoint(null, host, port);
    }

    public boolean isUnix() {
        return unixName != null;
    }

    public Path unixPath() {
        return Path.of(UNIX_PREFIX + unixName);
    }

    SocketAddress address() {
        return isUnix() ? UnixDomainSocketAddress.of(unixPath()) : new InetSocketAddress(host, port);
    }

    /**
     * Connects, retrying while the server is not yet listening (a driver is often started
     * alongside the server), until {@code timeoutMillis} has passed (0: retry forever).
     */
    public SocketChannel connect(long timeoutMillis) throws IOException {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        IOException last;
        while (true) {
            SocketChannel ch = isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            try {
                ch.connect(address());
                if (!isUnix()) ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                return ch;
            } catch (IOException e) {
                ch.close();
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IpiProtocolException("no i-PI server at " + this + " within " + timeoutMillis / 1000.0 + " s: " + last.getMessage(), last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while connecting to " + this);
            }
        }
    }

    @Override
    public String toString() {
        return isUnix() ? "unix:" + unixPath() : "tcp:" + host + ":" + port;
    }
}
