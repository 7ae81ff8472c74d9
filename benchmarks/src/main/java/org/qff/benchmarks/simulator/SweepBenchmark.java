package org.qff.benchmarks.simulator;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.qff.simulator.StateVector;
import org.qff.simulator.kernel.VectorKernels;

/**
 * The memory floor: one in-place pass that loads every amplitude and stores it back, scaled by a
 * constant, through the same vector code path as the fastest gate kernel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class SweepBenchmark {

    @Param({"12", "16", "20", "24"})
    public int n;

    /** 1.0 read from a field, so the JIT cannot fold the multiply away. */
    public double factor = 1.0;

    private final VectorKernels kernels = VectorKernels.singleThreaded();
    private StateVector state;

    @Setup(Level.Trial)
    public void setUp() {
        state = StateVector.zero(n);
        kernels.dense1(state, 0, Gates.H);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    @Benchmark
    public void sweep() {
        kernels.scale(state, factor);
    }
}
