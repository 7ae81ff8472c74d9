package org.qff.bench.ffi;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.qff.ffi.capi.LibQffClient;
import org.qff.qnn.atoms.Structure;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * qff_compute through libqff.so: FFM downcall into C, C calls the upcall stub, Java computes and
 * writes the caller's arrays. A C host skips the downcall (tens of ns), so this slightly
 * overstates a C host's cost.
 */
@State(Scope.Thread)
public class CAbiCallBench {
    /** System property naming libqff.so (set by {@link FfiBench}). */
    public static final String LIBRARY_PROPERTY = "qff.libqff";

    LibQffClient qff;
    MemorySegment model;
    Arena arena;
    MemorySegment z;
    MemorySegment positions;
    MemorySegment energy;
    MemorySegment forces;
    int n;

    @Setup(Level.Trial)
    public void setup() {
        qff = new LibQffClient(Path.of(System.getProperty(LIBRARY_PROPERTY)));
        model = qff.open("lj-argon");
        if (model.address() == 0) throw new IllegalStateException(qff.lastError());
        Structure s = Argon21.structure();
        n = s.size();
        arena = Arena.ofConfined();
        z = arena.allocateFrom(ValueLayout.JAVA_INT, s.atomicNumbers());
        positions = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, s.positions());
        energy = arena.allocate(ValueLayout.JAVA_DOUBLE);
        forces = arena.allocate(ValueLayout.JAVA_DOUBLE, 3L * n);
    }

    @Benchmark
    public double cAbi() {
        int rc = qff.compute(model, n, z, positions, energy, forces);
        if (rc != 0) throw new IllegalStateException(qff.lastError());
        return energy.get(ValueLayout.JAVA_DOUBLE, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        qff.close(model);
        arena.close();
    }
}
