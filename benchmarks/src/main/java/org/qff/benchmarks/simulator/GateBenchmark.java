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
import org.qff.simulator.GateKernels;
import org.qff.simulator.StateVector;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Time of one gate on an n-qubit state, single thread; {@link #gateThenSweep} also times one
 * read+write pass over the same state right after each gate: the memory floor every gate time is
 * divided by.
 *
 * <p>Positions: "high" puts the gate on the top qubit(s) (n−1, or (n−2, n−1)); "0", "1", "2" on
 * qubit p (or (p, p+1)), inside one vector, where the kernels use lane shuffles.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class GateBenchmark {

    @Param({"12", "16", "20", "24"})
    public int n;

    @Param({"ry", "rz", "h", "dense2", "cnot", "cz", "heisenberg", "dense4"})
    public String gate;

    @Param({"high", "0", "1", "2"})
    public String position;

    private final GateKernels kernels = VectorKernels.singleThreaded();
    private StateVector state;
    private int code, a, b;

    @Setup(Level.Trial)
    public void setUp() {
        state = StateVector.zero(n);
        kernels.dense1(state, 0, Gates.H); // a spread-out state, not one nonzero amplitude
        for (int q = 1; q < n; q++) kernels.ry(state, q, 0.3 + 0.01 * q);
        code = Gates.code(gate);
        if (position.equals("high")) {
            a = n - 2;
            b = n - 1;
            if (code <= 3) a = n - 1; // one-qubit gates: ry, rz, h, dense2 (a 2×2)
        } else {
            a = Integer.parseInt(position);
            b = a + 1;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    @Benchmark
    public void gate() {
        Gates.apply(kernels, state, code, a, b);
    }

    /**
     * The gate, then one sweep over the same state (the memory floor, as {@link SweepBenchmark}),
     * each timed on its own into {@link PairedTimes}: the ratios of {@code qff bench simulator}.
     */
    @Benchmark
    public void gateThenSweep(PairedTimes times) {
        long start = System.nanoTime();
        Gates.apply(kernels, state, code, a, b);
        times.sweepAfter(start, state);
    }
}
