package org.qff.ffi.capi;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the Maven build put libqff.so and qff.h (target/native); skips when gcc did not build it. */
final class LibQff {
    private LibQff() {}

    static Path dir() {
        return org.qff.ffi.NativeTools.moduleDir().resolve("target/native");
    }

    static Path library() {
        Path lib = dir().resolve("libqff.so");
        assumeTrue(Files.isRegularFile(lib), "skipped: " + lib + " was not built (gcc absent at build time; apt-get install gcc)");
        return lib;
    }
}
