package org.qff.ffi.lammps;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * One LAMMPS instance (serial: no MPI decomposition). LAMMPS as packaged by Debian is built
 * without C++ exceptions, so an error in an input command makes LAMMPS print "ERROR: ..." and end
 * the process; qff checks what it can before handing commands over.
 */
@SuppressWarnings("restricted") // native access is this module's job; the launcher and forks pass --enable-native-access
public final class Lammps implements AutoCloseable {
    private final LammpsLibrary lib;
    private final MemorySegment handle;
    private final Arena arena = Arena.ofShared();

    /**
     * @param log LAMMPS log file, or null for none
     * @param screen whether LAMMPS prints to standard output
     */
    public Lammps(Path log, boolean screen) {
        lib = LammpsLibrary.get();
        // Open MPI (Debian's LAMMPS links it) by default catches SIGSEGV/SIGBUS to print stack
        // traces; the JVM uses those signals itself. Leave them to the JVM.
        lib.setenv("OMPI_MCA_opal_signal", "");
        List<String> args = new java.util.ArrayList<>(List.of("qff-lammps", "-log", log == null ? "none" : log.toString(), "-nocite"));
        if (!screen) args.addAll(List.of("-screen", "none")); // LAMMPS prints to stdout by default
        MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, args.size() + 1);
        for (int i = 0; i < args.size(); i++) argv.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(args.get(i)));
        argv.setAtIndex(ValueLayout.ADDRESS, args.size(), MemorySegment.NULL);
        try {
            handle = (MemorySegment) lib.openNoMpi.invokeExact(args.size(), argv, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("lammps_open_no_mpi failed: " + t, t);
        }
        if (handle.address() == 0) throw new IllegalStateException("lammps_open_no_mpi returned NULL");
    }

    MemorySegment handle() {
        return handle;
    }

    LammpsLibrary library() {
        return lib;
    }

    /** Runs one LAMMPS command (one line, no continuation). */
    public void command(String cmd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ignored = (MemorySegment) lib.command.invokeExact(handle, a.allocateFrom(cmd));
        } catch (Throwable t) {
            throw new IllegalStateException("lammps_command failed: " + t, t);
        }
    }

    /** A thermo keyword's current value (e.g. "pe", "ke", "etotal", "step"). */
    public double thermo(String keyword) {
        try (Arena a = Arena.ofConfined()) {
            return (double) lib.getThermo.invokeExact(handle, a.allocateFrom(keyword));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public int setting(String keyword) {
        try (Arena a = Arena.ofConfined()) {
            return (int) lib.extractSetting.invokeExact(handle, a.allocateFrom(keyword));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** lammps_extract_global as a raw pointer (zero-length segment; NULL when unknown). */
    MemorySegment global(String name) {
        try (Arena a = Arena.ofConfined()) {
            return (MemorySegment) lib.extractGlobal.invokeExact(handle, a.allocateFrom(name));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** lammps_extract_atom as a raw pointer (zero-length segment; NULL when unknown). */
    MemorySegment atom(String name) {
        try (Arena a = Arena.ofConfined()) {
            return (MemorySegment) lib.extractAtom.invokeExact(handle, a.allocateFrom(name));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The unit style ("metal", "real", ...). */
    public String units() {
        MemorySegment p = global("units");
        return p.address() == 0 ? "" : p.reinterpret(64).getString(0);
    }

    /** Periodicity of x, y, z (lammps_extract_box). */
    public boolean[] periodicity() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment lo = a.allocate(ValueLayout.JAVA_DOUBLE, 3), hi = a.allocate(ValueLayout.JAVA_DOUBLE, 3);
            MemorySegment xy = a.allocate(ValueLayout.JAVA_DOUBLE), yz = a.allocate(ValueLayout.JAVA_DOUBLE), xz = a.allocate(ValueLayout.JAVA_DOUBLE);
            MemorySegment pf = a.allocate(ValueLayout.JAVA_INT, 3), bf = a.allocate(ValueLayout.JAVA_INT);
            lib.extractBox.invokeExact(handle, lo, hi, xy, yz, xz, pf, bf);
            return new boolean[] {pf.getAtIndex(ValueLayout.JAVA_INT, 0) != 0, pf.getAtIndex(ValueLayout.JAVA_INT, 1) != 0,
                pf.getAtIndex(ValueLayout.JAVA_INT, 2) != 0};
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public long natoms() {
        try {
            return Math.round((double) lib.getNatoms.invokeExact(handle));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Asks LAMMPS to end the current run at the next step (lammps_force_timeout). */
    void forceTimeout() {
        try {
            lib.forceTimeout.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public int version() {
        try {
            return (int) lib.version.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        try {
            lib.close.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            arena.close();
        }
    }
}
