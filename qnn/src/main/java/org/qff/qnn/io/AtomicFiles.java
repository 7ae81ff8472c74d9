package org.qff.qnn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qff.simulator.io.AtomicWrite;

/**
 * Writes files so that a reader never sees a half-written one: stream-oriented access to
 * {@link AtomicWrite} (temporary sibling, forced to disk, renamed over the target; on failure the
 * target is left as it was), creating the target's directory when it is missing.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IOException("cannot create directory " + dir + " for " + target + ": " + e.getMessage(), e);
            }
        }
        AtomicWrite.write(target, channel -> {
            OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            // Writers such as Jackson close the stream they are given; the channel must stay open
            // until AtomicWrite has forced it to disk, so they get a stream whose close() only flushes.
            content.writeTo(new java.io.FilterOutputStream(out) {
                @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                @Override public void close() throws IOException { out.flush(); }
            });
            out.flush();
        });
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
