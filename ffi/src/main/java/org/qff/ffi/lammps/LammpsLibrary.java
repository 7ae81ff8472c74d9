package org.qff.ffi.lammps;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * LAMMPS's C library interface (library.h of LAMMPS 2020 and later; Debian 12's liblammps0 is
 * 7 Jan 2022) bound through FFM downcalls. Only the calls qff needs. The library is loaded once
 * per process: LAMMPS initialises MPI, which cannot be initialised twice.
 */
@SuppressWarnings("restricted") // native access is this module's job; the launcher and forks pass --enable-native-access
public final class LammpsLibrary {
    /** Debian's soname; override with QFF_LAMMPS_LIB. */
    public static final String DEFAULT_LIBRARY = "liblammps.so.0";

    private static LammpsLibrary instance;

    final MethodHandle openNoMpi;
    final MethodHandle close;
    final MethodHandle command;
    final MethodHandle extractSetting;
    final MethodHandle extractGlobal;
    final MethodHandle extractAtom;
    final MethodHandle extractBox;
    final MethodHandle getNatoms;
    final MethodHandle getThermo;
    final MethodHandle setFixExternalCallback;
    final MethodHandle fixExternalSetEnergyGlobal;
    final MethodHandle forceTimeout;
    final MethodHandle version;
    final MethodHandle setenv;

    private LammpsLibrary(String library) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib;
        try {
            lib = library.contains("/") ? SymbolLookup.libraryLookup(Path.of(library), Arena.global())
                    : SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load the LAMMPS library " + library
                    + " (install Debian's liblammps0, or set QFF_LAMMPS_LIB to liblammps.so): " + e.getMessage(), e);
        }
        openNoMpi = linker.downcallHandle(lib.findOrThrow("lammps_open_no_mpi"), FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        close = linker.downcallHandle(lib.findOrThrow("lammps_close"), FunctionDescriptor.ofVoid(ADDRESS));
        command = linker.downcallHandle(lib.findOrThrow("lammps_command"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        extractSetting = linker.downcallHandle(lib.findOrThrow("lammps_extract_setting"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        extractGlobal = linker.downcallHandle(lib.findOrThrow("lammps_extract_global"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        extractAtom = linker.downcallHandle(lib.findOrThrow("lammps_extract_atom"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        extractBox = linker.downcallHandle(lib.findOrThrow("lammps_extract_box"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getNatoms = linker.downcallHandle(lib.findOrThrow("lammps_get_natoms"), FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS));
        getThermo = linker.downcallHandle(lib.findOrThrow("lammps_get_thermo"), FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, ADDRESS));
        setFixExternalCallback = linker.downcallHandle(lib.findOrThrow("lammps_set_fix_external_callback"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        fixExternalSetEnergyGlobal = linker.downcallHandle(lib.findOrThrow("lammps_fix_external_set_energy_global"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_DOUBLE));
        forceTimeout = linker.downcallHandle(lib.findOrThrow("lammps_force_timeout"), FunctionDescriptor.ofVoid(ADDRESS));
        version = linker.downcallHandle(lib.findOrThrow("lammps_version"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setenv = linker.downcallHandle(linker.defaultLookup().findOrThrow("setenv"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    }

    /** The process's LAMMPS library ($QFF_LAMMPS_LIB, else Debian's liblammps.so.0). */
    public static synchronized LammpsLibrary get() {
        if (instance == null) {
            String env = System.getenv("QFF_LAMMPS_LIB");
            instance = new LammpsLibrary(env != null && !env.isBlank() ? env : DEFAULT_LIBRARY);
        }
        return instance;
    }

    /** Whether the LAMMPS library can be loaded here (for tests and clear CLI errors). */
    public static boolean isAvailable() {
        try {
            get();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Sets a variable in the process environment (C setenv: read by MPI at initialisation). */
    void setenv(String name, String value) {
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) setenv.invokeExact(a.allocateFrom(name), a.allocateFrom(value), 1);
            if (rc != 0) throw new IllegalStateException("setenv " + name + " failed");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
