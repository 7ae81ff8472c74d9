package org.qff.ffi.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * libqff.so seen from Java through FFM downcalls, as a C host sees it. Inside a JVM, libqff joins
 * this JVM instead of starting one. Used to measure the C ABI's per-call cost and to test the
 * paths a C host takes; Java code that just wants energies calls {@link org.qff.qnn.potential.Potential}.
 */
@SuppressWarnings("restricted") // native access is this module's job; the launcher and forks pass --enable-native-access
public final class LibQffClient {
    private final MethodHandle open;
    private final MethodHandle compute;
    private final MethodHandle close;
    private final MethodHandle lastError;

    public LibQffClient(Path library) {
        if (!Files.isRegularFile(library)) throw new IllegalArgumentException("libqff not found at " + library);
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
        open = linker.downcallHandle(lib.findOrThrow("qff_open"), FunctionDescriptor.of(ADDRESS, ADDRESS));
        compute = linker.downcallHandle(lib.findOrThrow("qff_compute"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        close = linker.downcallHandle(lib.findOrThrow("qff_close"), FunctionDescriptor.ofVoid(ADDRESS));
        lastError = linker.downcallHandle(lib.findOrThrow("qff_last_error"), FunctionDescriptor.of(ADDRESS));
    }

    /** qff_open; returns the handle or {@link MemorySegment#NULL}. */
    public MemorySegment open(String model) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment path = model == null ? MemorySegment.NULL : a.allocateFrom(model);
            return (MemorySegment) open.invokeExact(path);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** qff_compute on native segments (any may be {@link MemorySegment#NULL}); returns the status. */
    public int compute(MemorySegment model, int natoms, MemorySegment z, MemorySegment pos, MemorySegment energy, MemorySegment forces) {
        try {
            return (int) compute.invokeExact(model, natoms, z, pos, energy, forces);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public void close(MemorySegment model) {
        try {
            close.invokeExact(model);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** qff_last_error of the calling thread. */
    public String lastError() {
        try {
            MemorySegment s = (MemorySegment) lastError.invokeExact();
            return s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
