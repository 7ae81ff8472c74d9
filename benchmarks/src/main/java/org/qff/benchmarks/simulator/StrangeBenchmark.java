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
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.exec.CompiledCircuit;
import org.qff.simulator.exec.Simulator;
import org.qff.simulator.kernel.VectorKernels;
import org.redfx.strange.Result;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * The whole layered circuit (5 layers, from |0…0⟩) through Strange 0.1.3's own executor and through
 * qff's vector kernels (gate by gate, one thread), at the same sizes: the ratio is the speed-up.
 * Each Strange invocation builds its program afresh, as a Strange user would; building it is
 * negligible beside running it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class StrangeBenchmark {

    @Param({"8", "12", "16"})
    public int n;

    private LayeredCircuit circuit;
    private StateVector state;
    private final VectorKernels kernels = VectorKernels.singleThreaded();
    private CompiledCircuit fused;

    @Setup(Level.Trial)
    public void setUp() {
        circuit = new LayeredCircuit(n);
        state = StateVector.zero(n);
        fused = Simulator.create().withFusion(2).compile(circuit.circuit());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    @Benchmark
    public Result strange() {
        return new SimpleQuantumExecutionEnvironment().runProgram(circuit.strangeProgram());
    }

    /** The same circuit through the circuit layer's executor with fusion into ≤2-qubit blocks. */
    @Benchmark
    public StateVector qffFused() {
        state.reset();
        fused.run(Bindings.NONE, state);
        return state;
    }

    @Benchmark
    public StateVector qff() {
        state.reset();
        circuit.applyUnfused(kernels, state);
        return state;
    }
}
