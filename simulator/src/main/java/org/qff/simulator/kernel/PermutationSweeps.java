package org.qff.simulator.kernel;

import static org.qff.simulator.kernel.Lanes.L;
import static org.qff.simulator.kernel.Lanes.LOG_L;
import static org.qff.simulator.kernel.Lanes.ORDER;
import static org.qff.simulator.kernel.Lanes.S;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * X with any controls (X, CNOT, Toffoli) and SWAP: pure data movement, no arithmetic.
 *
 * <p>High controls are bits the group → index map sets to 1, so amplitudes whose controls are 0
 * are never visited; low controls become a lane mask and a blend: the vector holding moved lanes
 * is read anyway, so it is stored whole (a masked store measured slower than blend + store).
 */
final class PermutationSweeps {
    private PermutationSweeps() {}

    /**
     * Dispatches to one small method per case. Why not four loops in one method: called first on lane
     * qubits only, C2 compiled that branch; when the others got hot it recompiled the whole method
     * past its inlining budget, left its vector helpers out of line and boxed every vector, for the rest
     * of the run: 3 MB and 23 sweeps per CNOT on (2, 3) at n = 16 (MixedPositionAllocationTest).
     */
    static void controlledX(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        boolean masked = op.laneControl != (1L << L) - 1;
        if (op.targets[0] >= LOG_L) {
            if (masked) highTargetLaneControls(seg, dim, op, from, to);
            else highTarget(seg, dim, op, from, to);
        } else {
            if (masked) laneTargetLaneControls(seg, dim, op, from, to);
            else laneTarget(seg, dim, op, from, to);
        }
    }

    /** Target and controls high: whole vectors swap, controls-0 groups are never visited. */
    private static void highTarget(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        long half = 1L << op.targets[0];
        // consecutive groups' base indices by a masked step, not a per-group base(g) call:
        // a ← ((a | skip) + L) & ~skip | controls (the add carries past the skipped bits)
        long skip = op.skipMask(), set = op.setBits, keep = ~skip;
        long a = op.base(from);
        for (long g = from; g < to; g++, a = (((a | skip) + L) & keep) | set) {
            long i0 = a, i1 = i0 + half;
            // all loads first (4K aliasing between the re and im halves)
            DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, i0 << 3, ORDER), br = DoubleVector.fromMemorySegment(S, seg, i1 << 3, ORDER);
            DoubleVector ai = DoubleVector.fromMemorySegment(S, seg, (dim + i0) << 3, ORDER);
            DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (dim + i1) << 3, ORDER);
            br.intoMemorySegment(seg, i0 << 3, ORDER);
            ar.intoMemorySegment(seg, i1 << 3, ORDER);
            bi.intoMemorySegment(seg, (dim + i0) << 3, ORDER);
            ai.intoMemorySegment(seg, (dim + i1) << 3, ORDER);
        }
    }

    /**
     * High target, some lane controls: blends and full stores (every line is read anyway; a masked
     * store costs more than the blend).
     */
    private static void highTargetLaneControls(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        long half = 1L << op.targets[0];
        long skip = op.skipMask(), set = op.setBits, keep = ~skip;
        long a = op.base(from);
        VectorMask<Double> m = Lanes.mask(op.laneControl);
        for (long g = from; g < to; g++, a = (((a | skip) + L) & keep) | set) {
            long i0 = a, i1 = i0 + half;
            DoubleVector ar = DoubleVector.fromMemorySegment(S, seg, i0 << 3, ORDER), br = DoubleVector.fromMemorySegment(S, seg, i1 << 3, ORDER);
            DoubleVector ai = DoubleVector.fromMemorySegment(S, seg, (dim + i0) << 3, ORDER);
            DoubleVector bi = DoubleVector.fromMemorySegment(S, seg, (dim + i1) << 3, ORDER);
            ar.blend(br, m).intoMemorySegment(seg, i0 << 3, ORDER);
            br.blend(ar, m).intoMemorySegment(seg, i1 << 3, ORDER);
            ai.blend(bi, m).intoMemorySegment(seg, (dim + i0) << 3, ORDER);
            bi.blend(ai, m).intoMemorySegment(seg, (dim + i1) << 3, ORDER);
        }
    }

    /** Lane target, no lane controls: a constant lane shuffle. */
    private static void laneTarget(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        VectorShuffle<Double> partner = Lanes.xor(1 << op.targets[0]);
        for (long g = from; g < to; g++) {
            long i = op.base(g);
            DoubleVector r = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER), m = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            r.rearrange(partner).intoMemorySegment(seg, i << 3, ORDER);
            m.rearrange(partner).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /** Lane target and lane controls: the shuffle blended in on the controls-1 lanes. */
    private static void laneTargetLaneControls(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        VectorShuffle<Double> partner = Lanes.xor(1 << op.targets[0]);
        VectorMask<Double> m = Lanes.mask(op.laneControl);
        for (long g = from; g < to; g++) {
            long i = op.base(g);
            DoubleVector r = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER), x = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            r.blend(r.rearrange(partner), m).intoMemorySegment(seg, i << 3, ORDER);
            x.blend(x.rearrange(partner), m).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }

    /** One small method per case, for the reason given at {@link #controlledX}. */
    static void swap(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        int a = op.targets[0], b = op.targets[1]; // a < b
        if (a >= LOG_L) swapHigh(seg, dim, op, from, to);
        else if (b >= LOG_L) swapLaneHigh(seg, dim, op, from, to);
        else swapLanes(seg, dim, op, from, to);
    }

    private static void swapHigh(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        long oa = 1L << op.targets[0], ob = 1L << op.targets[1];
        for (long g = from; g < to; g++) {
            long base = op.base(g), ia = base + oa, ib = base + ob;
            DoubleVector xr = DoubleVector.fromMemorySegment(S, seg, ia << 3, ORDER), yr = DoubleVector.fromMemorySegment(S, seg, ib << 3, ORDER);
            DoubleVector xi = DoubleVector.fromMemorySegment(S, seg, (dim + ia) << 3, ORDER);
            DoubleVector yi = DoubleVector.fromMemorySegment(S, seg, (dim + ib) << 3, ORDER);
            yr.intoMemorySegment(seg, ia << 3, ORDER);
            xr.intoMemorySegment(seg, ib << 3, ORDER);
            yi.intoMemorySegment(seg, (dim + ia) << 3, ORDER);
            xi.intoMemorySegment(seg, (dim + ib) << 3, ORDER);
        }
    }

    /** Lanes with bit a set in the b=0 vector trade places with lanes (l ^ 2^a) of the b=1 vector. */
    private static void swapLaneHigh(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        int a = op.targets[0];
        long ob = 1L << op.targets[1];
        VectorShuffle<Double> partner = Lanes.xor(1 << a);
        VectorMask<Double> upper = Lanes.bit(a), lower = upper.not();
        for (long g = from; g < to; g++) {
            long i0 = op.base(g), i1 = i0 + ob;
            DoubleVector v0 = DoubleVector.fromMemorySegment(S, seg, i0 << 3, ORDER), v1 = DoubleVector.fromMemorySegment(S, seg, i1 << 3, ORDER);
            DoubleVector w0 = DoubleVector.fromMemorySegment(S, seg, (dim + i0) << 3, ORDER);
            DoubleVector w1 = DoubleVector.fromMemorySegment(S, seg, (dim + i1) << 3, ORDER);
            v0.blend(v1.rearrange(partner), upper).intoMemorySegment(seg, i0 << 3, ORDER);
            v1.blend(v0.rearrange(partner), lower).intoMemorySegment(seg, i1 << 3, ORDER);
            w0.blend(w1.rearrange(partner), upper).intoMemorySegment(seg, (dim + i0) << 3, ORDER);
            w1.blend(w0.rearrange(partner), lower).intoMemorySegment(seg, (dim + i1) << 3, ORDER);
        }
    }

    private static void swapLanes(MemorySegment seg, long dim, KernelOp op, long from, long to) {
        VectorShuffle<Double> perm = Lanes.swapBits(op.targets[0], op.targets[1]);
        for (long g = from; g < to; g++) {
            long i = g << LOG_L;
            DoubleVector r = DoubleVector.fromMemorySegment(S, seg, i << 3, ORDER), m = DoubleVector.fromMemorySegment(S, seg, (dim + i) << 3, ORDER);
            r.rearrange(perm).intoMemorySegment(seg, i << 3, ORDER);
            m.rearrange(perm).intoMemorySegment(seg, (dim + i) << 3, ORDER);
        }
    }
}
