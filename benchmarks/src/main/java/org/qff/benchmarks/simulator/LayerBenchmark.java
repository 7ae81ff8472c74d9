package org.qff.benchmarks.simulator;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * Time per layer of the layered circuit (5 layers per invocation, reported per layer):
 * "unfused" = one kernel call per gate; "blocked" = the two-pass cache-blocked plan.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class LayerBenchmark {

    @Param({"20", "24"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"unfused", "blocked"})
    public String variant;

    private VectorKernels kernels;
    private StateVector state;
    private LayeredCircuit circuit;
    private LayeredCircuit.BlockedPlan plan;
    private boolean blocked;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = VectorKernels.withThreads(threads);
        state = StateVector.zero(n);
        circuit = new LayeredCircuit(n);
        plan = circuit.blockedPlan();
        blocked = variant.equals("blocked");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    @Benchmark
    @OperationsPerInvocation(LayeredCircuit.LAYERS)
    public void layer() {
        if (blocked) plan.apply(kernels, state);
        else circuit.applyUnfused(kernels, state);
    }
}
