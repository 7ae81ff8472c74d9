package org.qff.benchmarks.simulator;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.qff.simulator.StateVector;
import org.qff.simulator.kernel.VectorKernels;

/**
 * Nanoseconds spent in the measured operation and in the memory sweep run right after it
 * ({@link #sweepAfter}: the floor every ratio of {@code qff bench simulator} is divided by), summed
 * over one JMH iteration and reported as its secondary results ({@code opNs}, {@code sweepNs},
 * {@code pairs}).
 *
 * <p>Why pair them in one fork instead of timing the sweep in a fork of its own: the DRAM and L3
 * bandwidth of the shared benchmark machine drift by 20–40 % within a minute, and a floor measured
 * in another fork moved every ratio with it (benchmarks/RESULTS.md, 2026-12-02). Paired call by
 * call, both halves of a ratio see the same machine.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class PairedTimes {
    public double opNs;
    public double sweepNs;
    public long pairs;

    // not public: AuxCounters reports public fields as counters
    private final VectorKernels sweepKernels = VectorKernels.singleThreaded();
    /** 1.0 read from a field, so the JIT cannot fold the sweep's multiply away. */
    private double factor = 1.0;

    @Setup(Level.Iteration)
    public void clear() {
        opNs = 0;
        sweepNs = 0;
        pairs = 0;
    }

    /** Adds one pair from three System.nanoTime() readings: before the op, between, after the sweep. */
    private void add(long start, long between, long end) {
        opNs += between - start;
        sweepNs += end - between;
        pairs++;
    }

    /**
     * One single-threaded sweep over {@code state} (an in-place scale, as SweepBenchmark), timed,
     * recorded as a pair with the operation that ran from {@code start} (a System.nanoTime()) until now.
     */
    public void sweepAfter(long start, StateVector state) {
        long between = System.nanoTime();
        sweepKernels.scale(state, factor);
        add(start, between, System.nanoTime());
    }
}
