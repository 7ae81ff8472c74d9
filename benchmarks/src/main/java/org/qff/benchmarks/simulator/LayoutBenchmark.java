package org.qff.benchmarks.simulator;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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

/**
 * The measurement behind StateVector's layout: the same RY (high target) and the same sweep on
 * the fully split layout (all re, then all im) and on blocks of L real then L imaginary doubles.
 * Stand-alone kernels on raw segments so that nothing but the layout differs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class LayoutBenchmark {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder O = ByteOrder.nativeOrder();

    @Param({"20", "24"})
    public int n;

    @Param({"split", "blocked"})
    public String layout;

    public double c = Math.cos(0.2), s = Math.sin(0.2), factor = 1.0;

    private Arena arena;
    private MemorySegment seg;
    private long dim;
    private boolean split;

    @Setup(Level.Trial)
    public void setUp() {
        dim = 1L << n;
        arena = Arena.ofShared();
        seg = arena.allocate(16 * dim, 64);
        for (long i = 0; i < 2 * dim; i++) seg.setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, i, 1.0 / Math.sqrt(2 * dim));
        split = layout.equals("split");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    private DoubleVector ld(long doubleIndex) {
        return DoubleVector.fromMemorySegment(S, seg, doubleIndex << 3, O);
    }

    private void st(DoubleVector v, long doubleIndex) {
        v.intoMemorySegment(seg, doubleIndex << 3, O);
    }

    @Benchmark
    public void sweep() {
        DoubleVector f = DoubleVector.broadcast(S, factor);
        if (split) {
            for (long i = 0; i < dim; i += L) {
                st(ld(i).mul(f), i);
                st(ld(dim + i).mul(f), dim + i);
            }
        } else {
            for (long i = 0; i < 2 * dim; i += 2 * L) {
                st(ld(i).mul(f), i);
                st(ld(i + L).mul(f), i + L);
            }
        }
    }

    @Benchmark
    public void ryHighTarget() {
        int t = n - 1;
        long half = 1L << t, low = half - 1;
        DoubleVector cv = DoubleVector.broadcast(S, c), sv = DoubleVector.broadcast(S, s), nsv = DoubleVector.broadcast(S, -s);
        for (long p = 0; p < dim / 2; p += L) {
            long i0 = ((p & ~low) << 1) | (p & low), i1 = i0 + half;
            // split: re at i, im at dim + i; blocked: re at 2i (i a multiple of L), im at 2i + L
            long r0 = split ? i0 : 2 * i0, r1 = split ? i1 : 2 * i1;
            long m0 = split ? dim + i0 : 2 * i0 + L, m1 = split ? dim + i1 : 2 * i1 + L;
            DoubleVector ar = ld(r0), br = ld(r1);
            st(ar.fma(cv, br.mul(nsv)), r0);
            st(ar.fma(sv, br.mul(cv)), r1);
            DoubleVector ai = ld(m0), bi = ld(m1);
            st(ai.fma(cv, bi.mul(nsv)), m0);
            st(ai.fma(sv, bi.mul(cv)), m1);
        }
    }
}
