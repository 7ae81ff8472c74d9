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
import org.qff.simulator.kernel.KernelOp;
import org.qff.simulator.kernel.VectorKernels;

/**
 * One pass of a fused CNOT-ladder kernel over a whole n-qubit state, single thread: the rotation
 * tile (RY on three qubits, then CX(s, s+1), CX(s+1, s+2), CX(s+2, s+3), selector s) or the
 * multiplexed pair (RY(s+1), RY(s+2), CX(s, s+1), CX(s+1, s+2)), with selector qubit s = {@code low}.
 * These are the passes the fused layered circuit is made of; divide by {@link SweepBenchmark} at the
 * same n for sweeps per pass. At n = 16 the state (1 MiB) sits in L2, at n = 20 (16 MiB) in L3.
 *
 * <p>The selector sets how long the runs of consecutive vectors between the skipped bits are
 * (2^s amplitudes): from s = 9 up they are 64 vectors or longer and the kernels walk them with a
 * counted inner loop (Lanes.NESTED_RUN_VECTORS in the simulator).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class FusedKernelBenchmark {

    @Param({"16", "20"})
    public int n;

    @Param({"tile", "mux"})
    public String kernel;

    @Param({"3", "6", "9", "12"})
    public int low;

    private final VectorKernels kernels = VectorKernels.singleThreaded();
    private StateVector state;
    private KernelOp op;

    @Setup(Level.Trial)
    public void setUp() {
        if (low + 3 >= n) throw new IllegalArgumentException("selector " + low + " leaves no room for three targets on " + n + " qubits");
        state = StateVector.zero(n);
        for (int q = 0; q < n; q++) kernels.ry(state, q, 0.3 + 0.01 * q); // a spread-out state
        op = switch (kernel) {
            case "tile" -> KernelOp.tile(new int[] {low + 1, low + 2, low + 3}, low, rotations(0.4, 0.5, 0.6), ladderPermutation());
            case "mux" -> KernelOp.dense(new int[] {low, low + 1, low + 2}, ladderPair(0.4, 0.5));
            default -> throw new IllegalArgumentException("unknown kernel " + kernel + " (tile or mux)");
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    @Benchmark
    public void pass() {
        kernels.apply(state, op);
    }

    /** Three RY(θ) as row-major real 2×2s, the layout KernelOp.tile takes. */
    static double[] rotations(double... theta) {
        double[] r = new double[12];
        for (int i = 0; i < 3; i++) {
            double c = Math.cos(theta[i] / 2), s = Math.sin(theta[i] / 2);
            r[4 * i] = c;
            r[4 * i + 1] = -s;
            r[4 * i + 2] = s;
            r[4 * i + 3] = c;
        }
        return r;
    }

    /**
     * Where each of the eight rows (local bits: target 0, 1, 2) goes under CX(s, t0), CX(t0, t1),
     * CX(t1, t2), for selector value 0 (entries 0..7) and 1 (8..15).
     */
    static int[] ladderPermutation() {
        int[] perm = new int[16];
        for (int x = 0; x < 2; x++) {
            for (int m = 0; m < 8; m++) {
                int r = m ^ x;                        // CX(s, t0)
                if ((r & 1) != 0) r ^= 2;             // CX(t0, t1)
                if ((r & 2) != 0) r ^= 4;             // CX(t1, t2)
                perm[8 * x + m] = r;
            }
        }
        return perm;
    }

    /**
     * RY(a) on local bit 1, RY(b) on local bit 2, then CX(0, 1), CX(1, 2), as a real 8×8
     * (interleaved re/im, local bit 0 the lowest target): it never changes bit 0, so it takes the
     * multiplexed-pair kernel.
     */
    static double[] ladderPair(double a, double b) {
        double ca = Math.cos(a / 2), sa = Math.sin(a / 2), cb = Math.cos(b / 2), sb = Math.sin(b / 2);
        double[][] ry1 = {{ca, -sa}, {sa, ca}}, ry2 = {{cb, -sb}, {sb, cb}};
        double[] u = new double[2 * 64];
        for (int k = 0; k < 8; k++) {
            for (int m = 0; m < 8; m++) {
                if ((k & 1) != (m & 1)) continue;
                double v = ry1[(m >> 1) & 1][(k >> 1) & 1] * ry2[m >> 2][k >> 2];
                int r = m;
                if ((r & 1) != 0) r ^= 2;             // CX(0, 1)
                if ((r & 2) != 0) r ^= 4;             // CX(1, 2)
                u[2 * (8 * r + k)] = v;
            }
        }
        return u;
    }
}
