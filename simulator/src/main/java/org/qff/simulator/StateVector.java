package org.qff.simulator;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The state of n qubits as 2^n complex128 amplitudes held off-heap in a 64-byte-aligned segment.
 *
 * <p>Basis index convention: qubit 0 is the least significant bit of the index (Qiskit order).
 *
 * <p>Storage layout: fully split, the 2^n real parts followed by the 2^n imaginary parts. Callers
 * never depend on it: they use {@link #re}, {@link #im}, {@link #set}, or a {@link GateKernels}
 * implementation, which is the only code allowed to read {@link #segment()} directly.
 *
 * <p>Why split rather than blocks of 8 real then 8 imaginary doubles: for high targets both
 * layouts move the same bytes (split uses twice as many concurrent streams, well within what the
 * prefetchers track), and split keeps every kernel's index arithmetic simplest: a vector of L
 * amplitudes is L consecutive doubles for any L, so the same code serves AVX2 (4 lanes) and
 * AVX-512 (8 lanes), and the real and imaginary halves of a kernel are one loop at two base
 * offsets. The layout measurement behind this choice is in benchmarks/RESULTS.md ("layout").
 *
 * <p>Memory: states of 64 MiB or more are checked against the memory actually available before
 * allocation (see {@link StateMemory}), so an impossible size fails with a clear message instead
 * of pushing the machine into swap or the OOM killer.
 *
 * <p>Not thread-safe: one state, one writer at a time. Close it to free the memory at once.
 */
public final class StateVector implements AutoCloseable {
    public static final int MAX_QUBITS = 30;

    private final int qubits;
    private final long dimension;
    private final Arena arena;
    private final MemorySegment segment;

    private StateVector(int qubits) {
        if (qubits < 1 || qubits > MAX_QUBITS) {
            throw new IllegalArgumentException("qubit count " + qubits + " is outside 1.." + MAX_QUBITS);
        }
        this.qubits = qubits;
        this.dimension = 1L << qubits;
        long bytes = 16L * dimension;
        StateMemory.check(qubits, bytes);
        this.arena = Arena.ofShared();
        try {
            this.segment = arena.allocate(bytes, 64);
        } catch (OutOfMemoryError e) {
            arena.close();
            throw new IllegalArgumentException("a state of " + qubits + " qubits needs " + (bytes >> 20)
                    + " MiB of off-heap memory, which could not be allocated", e);
        }
    }

    /** A new state |0…0⟩ of the given number of qubits. */
    public static StateVector zero(int qubits) {
        StateVector s = new StateVector(qubits);
        s.reset();
        return s;
    }

    /** Sets this state to |0…0⟩. */
    public void reset() {
        segment.fill((byte) 0);
        set(0, 1.0, 0.0);
    }

    public int qubits() { return qubits; }

    public long dimension() { return dimension; }

    /** The raw storage, for kernels only (see the class comment for the layout). */
    public MemorySegment segment() { return segment; }

    public double re(long index) {
        return segment.getAtIndex(ValueLayout.JAVA_DOUBLE, index);
    }

    public double im(long index) {
        return segment.getAtIndex(ValueLayout.JAVA_DOUBLE, dimension + index);
    }

    public void set(long index, double re, double im) {
        segment.setAtIndex(ValueLayout.JAVA_DOUBLE, index, re);
        segment.setAtIndex(ValueLayout.JAVA_DOUBLE, dimension + index, im);
    }

    /** Σ |a_i|², which unitary evolution keeps at 1. */
    public double norm2() {
        double s = 0;
        for (long i = 0; i < dimension; i++) {
            double r = re(i), m = im(i);
            s += r * r + m * m;
        }
        return s;
    }

    /** An independent copy with its own memory. */
    public StateVector copy() {
        StateVector c = new StateVector(qubits);
        c.segment.copyFrom(segment);
        return c;
    }

    /** Overwrites this state with another of the same size, without allocating. */
    public void copyFrom(StateVector other) {
        if (other.qubits != qubits) {
            throw new IllegalArgumentException("cannot copy a " + other.qubits + "-qubit state into a " + qubits + "-qubit state");
        }
        segment.copyFrom(other.segment);
    }

    /** Amplitudes as interleaved (re, im) pairs: for tests and small states. */
    public double[] toInterleaved() {
        if (dimension > (1 << 26)) throw new IllegalStateException("state too large to copy to the heap: 2^" + qubits);
        double[] out = new double[(int) (2 * dimension)];
        for (int i = 0; i < dimension; i++) {
            out[2 * i] = re(i);
            out[2 * i + 1] = im(i);
        }
        return out;
    }

    /** Sets all amplitudes from interleaved (re, im) pairs; the caller keeps normalisation. */
    public void fromInterleaved(double[] amplitudes) {
        if (amplitudes.length != 2 * dimension) {
            throw new IllegalArgumentException("expected " + 2 * dimension + " doubles, got " + amplitudes.length);
        }
        for (int i = 0; i < dimension; i++) set(i, amplitudes[2 * i], amplitudes[2 * i + 1]);
    }

    @Override
    public void close() {
        arena.close();
    }
}
