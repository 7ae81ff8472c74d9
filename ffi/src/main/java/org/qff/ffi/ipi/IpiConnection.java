package org.qff.ffi.ipi;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One i-PI connection: headers, little-endian int32 and float64 arrays over a socket channel
 * (Unix or TCP), every read bounded by a timeout so a silent peer cannot hang the driver.
 *
 * <p>The channel is non-blocking and waited on with a selector: that is the one way to bound reads
 * on Unix domain channels, which have no SO_TIMEOUT.
 */
public final class IpiConnection implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutMillis;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 12).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * @param timeoutMillis longest wait for any byte the protocol says must come (0: forever)
     */
    public IpiConnection(SocketChannel channel, long timeoutMillis) throws IOException {
        if (timeoutMillis < 0) throw new IllegalArgumentException("timeout must be >= 0 ms, got " + timeoutMillis);
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    /**
     * The next header, or null when the peer closed the connection cleanly before it (end of
     * stream at a message boundary: how ASE's server ends a run).
     */
    public IpiHeader readHeaderOrEnd() throws IOException {
        ByteBuffer b = fill(IpiHeader.LENGTH, "a message header", true);
        if (b == null) return null;
        byte[] raw = new byte[IpiHeader.LENGTH];
        b.get(raw);
        return IpiHeader.parse(raw);
    }

    public int readInt(String what) throws IOException {
        return fill(4, what, false).getInt();
    }

    /** Reads {@code n} doubles into {@code out[0..n)}. */
    public void readDoubles(double[] out, int n, String what) throws IOException {
        ByteBuffer b = fill(8L * n, what, false);
        b.asDoubleBuffer().get(out, 0, n);
    }

    public byte[] readBytes(int n, String what) throws IOException {
        byte[] out = new byte[n];
        fill(n, what, false).get(out);
        return out;
    }

    /** Writes a header. */
    public void write(IpiHeader header) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(header.bytes());
        writeFully(b);
    }

    /** Writes all remaining bytes of a buffer (e.g. one prepared by {@link #payload}), bounded by the timeout. */
    public void writeFully(ByteBuffer b) throws IOException {
        long deadline = deadline();
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                // Socket buffer full: wait until writable or the deadline.
                channel.keyFor(selector).interestOps(SelectionKey.OP_WRITE);
                try {
                    await(deadline, "sending to the server");
                } finally {
                    channel.keyFor(selector).interestOps(SelectionKey.OP_READ);
                }
            }
        }
    }

    /** A little-endian buffer with room for {@code bytes} bytes, for building a reply. */
    public static ByteBuffer payload(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer fill(long n, String what, boolean endAllowed) throws IOException {
        if (n > Integer.MAX_VALUE) throw new IpiProtocolException(what + " would be " + n + " bytes: too large");
        int size = (int) n;
        if (buffer.capacity() < size) buffer = ByteBuffer.allocateDirect(Math.max(size, 2 * buffer.capacity())).order(ByteOrder.LITTLE_ENDIAN);
        buffer.clear().limit(size);
        long deadline = deadline();
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer);
            if (r < 0) {
                if (endAllowed && buffer.position() == 0) return null;
                throw new IpiProtocolException("server closed the connection in the middle of " + what + " (" + buffer.position() + " of "
                        + size + " bytes received)", new EOFException());
            }
            if (r == 0) await(deadline, "waiting for " + what + " (" + buffer.position() + " of " + size + " bytes received)");
        }
        return buffer.flip();
    }

    private long deadline() {
        return timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
    }

    private void await(long deadline, String doing) throws IOException {
        long left = deadline == Long.MAX_VALUE ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
        if (deadline != Long.MAX_VALUE && left <= 0) timeout(doing);
        selector.select(deadline == Long.MAX_VALUE ? 0 : Math.max(left, 1));
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) throw new java.io.InterruptedIOException("interrupted " + doing);
    }

    private void timeout(String doing) throws IpiProtocolException {
        throw new IpiProtocolException("timed out after " + timeoutMillis / 1000.0 + " s " + doing);
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
