package org.qff.benchmarks.simulator;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds spent in the measured operation and in the memory sweep run right after it, summed
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

    @Setup(Level.Iteration)
    public void clear() {
        opNs = 0;
        sweepNs = 0;
        pairs = 0;
    }

    /** Adds one pair from three System.nanoTime() readings: before the op, between, after the sweep. */
    public void add(long start, long between, long end) {
        opNs += between - start;
        sweepNs += end - between;
        pairs++;
    }
}
