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
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.exec.CompiledCircuit;
import org.qff.simulator.exec.Simulator;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Time per layer of the layered circuit (5 layers per invocation, reported per layer):
 * "unfused" = one kernel call per gate; "blocked" = the two-pass cache-blocked plan of unmerged
 * gates (this module's); "fusedK" = the circuit layer's executor ({@link Simulator}) with its fusion
 * pass merging gates into dense blocks of at most K qubits, plus its cache blocking.
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

    @Param({"unfused", "blocked", "fused2", "fused3", "fused4"})
    public String variant;

    private VectorKernels kernels;
    private StateVector state;
    private LayeredCircuit circuit;
    private LayeredCircuit.BlockedPlan plan;
    private boolean blocked;
    private CompiledCircuit fused;

    @Setup(Level.Trial)
    public void setUp() {
        kernels = VectorKernels.withThreads(threads);
        state = StateVector.zero(n);
        circuit = new LayeredCircuit(n);
        plan = circuit.blockedPlan();
        blocked = variant.equals("blocked");
        if (variant.startsWith("fused")) {
            int width = Integer.parseInt(variant.substring("fused".length()));
            fused = Simulator.using(kernels).withFusion(width).compile(circuit.circuit());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    @Benchmark
    @OperationsPerInvocation(LayeredCircuit.LAYERS)
    public void layer() {
        if (fused != null) fused.run(Bindings.NONE, state);
        else if (blocked) plan.apply(kernels, state);
        else circuit.applyUnfused(kernels, state);
    }

    /**
     * The whole circuit ({@value LayeredCircuit#LAYERS} layers), then one single-threaded sweep over
     * the same state, each timed on its own into {@link PairedTimes}: the layer ratio of
     * {@code qff bench simulator}.
     */
    @Benchmark
    @OperationsPerInvocation(LayeredCircuit.LAYERS)
    public void layerThenSweep(PairedTimes times) {
        long start = System.nanoTime();
        layer();
        times.sweepAfter(start, state);
    }
}
