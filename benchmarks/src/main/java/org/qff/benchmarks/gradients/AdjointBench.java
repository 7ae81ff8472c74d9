package org.qff.benchmarks.gradients;

import java.util.Random;
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
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitRunner;
import org.qff.simulator.gradient.AdjointEvaluator;
import org.qff.simulator.gradient.ParameterShift;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;

/**
 * Gradient cost as a multiple of one forward pass (circuit + ⟨O⟩ with the plain runner, and with the
 * {@code exec} executor fusing gates into two-qubit blocks), for a hardware-efficient circuit with
 * 100 parameters. All methods use the same single-threaded kernels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AdjointBench {
    @Param({"16", "20"})
    public int n;

    @Param({"100"})
    public int params;

    private Circuit circuit;
    private Bindings bindings;
    private PauliSum observable;
    private CircuitRunner runner;
    private org.qff.simulator.exec.CompiledCircuit fused;
    private StateVector state;
    private AdjointEvaluator adjoint;
    private ParameterShift shift;
    private double[] gradient;

    @Setup(Level.Trial)
    public void setUp() {
        GateKernels k = GradientCircuits.bestKernels();
        circuit = GradientCircuits.hardwareEfficient(n, params);
        double[] t = new double[circuit.trainableCount()];
        Random r = new Random(1);
        for (int i = 0; i < t.length; i++) t[i] = 2 * r.nextDouble() - 1;
        bindings = new Bindings(t, new double[0]);
        observable = PauliSum.parse("Z0 Z1");
        runner = new CircuitRunner(k);
        fused = org.qff.simulator.exec.Simulator.using(k).withFusion(2).compile(circuit);
        state = StateVector.zero(n);
        adjoint = new AdjointEvaluator(circuit, k);
        shift = new ParameterShift(circuit, k);
        gradient = new double[t.length];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
        adjoint.close();
        shift.close();
    }

    @Benchmark
    public double forward() {
        state.reset();
        runner.run(circuit, bindings, state);
        return Expectation.of(state, observable);
    }

    /** The forward pass through the fusing executor (two-qubit blocks, cache blocking on). */
    @Benchmark
    public double forwardFused() {
        fused.runFromZero(bindings, state);
        return Expectation.of(state, observable);
    }

    @Benchmark
    public double adjointGradient() {
        adjoint.gradient(bindings, observable, gradient, null);
        return gradient[0];
    }

    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public double parameterShiftGradient() {
        shift.gradient(bindings, observable, gradient, null);
        return gradient[0];
    }
}
