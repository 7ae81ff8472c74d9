package org.qff.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates a command's output directory up front, so a bad --out fails before any work is done. */
public final class OutputDirectory {
    private OutputDirectory() {}

    public static Path prepare(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create output directory " + dir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        if (!Files.isWritable(dir)) throw new IOException("output directory " + dir + " is not writable");
        return dir;
    }
}
