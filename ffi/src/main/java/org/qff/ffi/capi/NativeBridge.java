package org.qff.ffi.capi;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The Java side of libqff (qff.h). libqff calls {@link #upcallAddresses()} once through JNI and
 * from then on calls the three upcall stubs directly: open, compute, close. The stubs read the
 * caller's atomic numbers and positions and write its energy and forces in place through
 * {@link MemorySegment}s over the C pointers; the one copy left is into and out of the Java arrays
 * that {@link Potential#compute} takes.
 *
 * <p>Every entry point catches {@link Throwable}: an exception escaping an upcall would end the
 * host process. Failures become a status code and a message in the caller's error buffer.
 */
@SuppressWarnings("restricted") // native access is this module's job; the launcher and forks pass --enable-native-access
public final class NativeBridge {
    private NativeBridge() {}

    private static final OpenModels MODELS = new OpenModels();
    private static volatile long[] addresses;

    /** Per-thread scratch: hosts call from many threads; these grow to the largest system seen. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One thread's arrays, exactly sized (Structure requires positions.length == 3N). */
    private static final class Scratch {
        int[] z = new int[0];
        double[] positions = new double[0];
        double[] forces = new double[0];

        Scratch sized(int natoms) {
            if (z.length != natoms) {
                z = new int[natoms];
                positions = new double[3 * natoms];
                forces = new double[3 * natoms];
            }
            return this;
        }
    }

    /** Addresses of the open, compute and close upcall stubs (created once, live for the process). */
    public static synchronized long[] upcallAddresses() throws ReflectiveOperationException {
        if (addresses == null) {
            Linker linker = Linker.nativeLinker();
            var lookup = MethodHandles.lookup();
            MemorySegment open = linker.upcallStub(
                    lookup.findStatic(NativeBridge.class, "open", MethodType.methodType(long.class, MemorySegment.class, MemorySegment.class, int.class)),
                    FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT), Arena.global());
            MemorySegment compute = linker.upcallStub(
                    lookup.findStatic(NativeBridge.class, "compute", MethodType.methodType(int.class, long.class, int.class,
                            MemorySegment.class, MemorySegment.class, MemorySegment.class, MemorySegment.class, MemorySegment.class, int.class)),
                    FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), Arena.global());
            MemorySegment close = linker.upcallStub(
                    lookup.findStatic(NativeBridge.class, "close", MethodType.methodType(void.class, long.class)),
                    FunctionDescriptor.ofVoid(JAVA_LONG), Arena.global());
            addresses = new long[] {open.address(), compute.address(), close.address()};
        }
        return addresses.clone();
    }

    /** Upcall: opens a model; returns its id (> 0), or 0 with a message in {@code err}. */
    static long open(MemorySegment path, MemorySegment err, int errLen) {
        try {
            if (path.address() == 0) return fail(err, errLen, "qff_open: model_path is NULL", 0L);
            String spec = path.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
            return MODELS.add(Potentials.load(spec));
        } catch (IllegalArgumentException e) {
            return fail(err, errLen, "qff_open: " + e.getMessage(), 0L);
        } catch (Throwable t) {
            return fail(err, errLen, "qff_open: internal error: " + t, 0L);
        }
    }

    /** Upcall: energy and forces for the caller's arrays; returns a {@link QffStatus} code. */
    static int compute(long id, int natoms, MemorySegment z, MemorySegment pos, MemorySegment energyOut, MemorySegment forcesOut,
            MemorySegment err, int errLen) {
        try {
            Potential p = MODELS.get(id);
            if (p == null) return fail(err, errLen, "qff_compute: model handle is closed", QffStatus.ERR_ARGUMENT);
            if (natoms < 1) return fail(err, errLen, "qff_compute: natoms is " + natoms + ", must be at least 1", QffStatus.ERR_ARGUMENT);
            if (z.address() == 0 || pos.address() == 0 || energyOut.address() == 0) {
                return fail(err, errLen, "qff_compute: NULL " + (z.address() == 0 ? "atomic_numbers" : pos.address() == 0 ? "positions" : "energy_out"),
                        QffStatus.ERR_ARGUMENT);
            }
            Scratch scratch = SCRATCH.get().sized(natoms);
            int[] zs = scratch.z;
            double[] positions = scratch.positions;
            MemorySegment.copy(z.reinterpret(4L * natoms), ValueLayout.JAVA_INT, 0, zs, 0, natoms);
            MemorySegment.copy(pos.reinterpret(24L * natoms), ValueLayout.JAVA_DOUBLE, 0, positions, 0, 3 * natoms);
            double[] forces = forcesOut.address() == 0 ? null : scratch.forces;
            double e;
            try {
                Structure s = new Structure(zs, positions);
                p.checkCovers(s);
                e = p.compute(s, forces, null);
                if (!Double.isFinite(e)) throw new IllegalArgumentException("potential " + p.name() + " returned a non-finite energy " + e);
            } catch (IllegalArgumentException ex) {
                return fail(err, errLen, "qff_compute: " + ex.getMessage(), QffStatus.ERR_COMPUTE);
            }
            energyOut.reinterpret(8).set(ValueLayout.JAVA_DOUBLE, 0, e);
            if (forces != null) MemorySegment.copy(forces, 0, forcesOut.reinterpret(24L * natoms), ValueLayout.JAVA_DOUBLE, 0, 3 * natoms);
            return QffStatus.OK;
        } catch (Throwable t) {
            return fail(err, errLen, "qff_compute: internal error: " + t, QffStatus.ERR_RUNTIME);
        }
    }

    /** Upcall: forgets a model. */
    static void close(long id) {
        try {
            MODELS.remove(id);
        } catch (Throwable ignored) {
            // nothing a host could do about it, and nothing may escape an upcall
        }
    }

    private static long fail(MemorySegment err, int errLen, String message, long code) {
        writeError(err, errLen, message);
        return code;
    }

    private static int fail(MemorySegment err, int errLen, String message, int code) {
        writeError(err, errLen, message);
        return code;
    }

    /** Writes a NUL-terminated UTF-8 message, cut to fit, into the caller's buffer. */
    private static void writeError(MemorySegment err, int errLen, String message) {
        try {
            if (err.address() == 0 || errLen <= 0) return;
            byte[] b = message.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(b.length, errLen - 1);
            while (n > 0 && n < b.length && (b[n] & 0xC0) == 0x80) n--; // do not cut a UTF-8 sequence
            MemorySegment dst = err.reinterpret(errLen);
            MemorySegment.copy(b, 0, dst, ValueLayout.JAVA_BYTE, 0, n);
            dst.set(ValueLayout.JAVA_BYTE, n, (byte) 0);
        } catch (Throwable ignored) {
            // the status code still tells the host something failed
        }
    }
}
