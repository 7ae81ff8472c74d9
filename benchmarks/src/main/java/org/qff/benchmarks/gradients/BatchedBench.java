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
import org.qff.simulator.batch.BatchEvaluator;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.gradient.AdjointEvaluator;
import org.qff.simulator.observable.PauliSum;

/**
 * Forward + full gradient (all trainables and inputs) of {@code batch} copies of one QNN-like
 * circuit (~100 gates) with different inputs: batched across members vs one evaluator call per
 * member. Time per op covers the whole batch, so gradients/s = batch / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchedBench {
    @Param({"4", "6", "8", "10"})
    public int n;

    @Param({"64"})
    public int batch;

    private Circuit circuit;
    private PauliSum observable;
    private BatchEvaluator batched;
    private AdjointEvaluator single;
    private Bindings[] bindings;
    private double[] values;
    private double[][] dT, dX;

    @Setup(Level.Trial)
    public void setUp() {
        circuit = GradientCircuits.qnnLike(n, 100);
        observable = PauliSum.parse("X0 X1 + Y0 Y1 + Z0 Z1");
        batched = new BatchEvaluator(circuit, batch);
        single = new AdjointEvaluator(circuit, GradientCircuits.bestKernels());
        Random r = new Random(2);
        double[] t = new double[circuit.trainableCount()];
        for (int i = 0; i < t.length; i++) t[i] = 2 * r.nextDouble() - 1;
        batched.setTrainablesAll(t);
        bindings = new Bindings[batch];
        for (int b = 0; b < batch; b++) {
            double[] x = batched.inputs(b);
            for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
            bindings[b] = new Bindings(t, x);
        }
        values = new double[batch];
        dT = new double[batch][circuit.trainableCount()];
        dX = new double[batch][circuit.inputCount()];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        single.close();
    }

    @Benchmark
    public double batched() {
        batched.gradients(observable, values, dT, dX);
        return dT[0][0];
    }

    @Benchmark
    public double oneAtATime() {
        double s = 0;
        for (int b = 0; b < batch; b++) s += single.gradient(bindings[b], observable, dT[b], dX[b]);
        return s;
    }
}
