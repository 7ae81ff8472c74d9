package org.qff.simulator.kernel;

import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shape every kernel uses and the constant shuffles and masks built from it once.
 *
 * <p>A vector holds {@link #L} consecutive amplitudes (real parts or imaginary parts). Qubits below
 * {@link #LOG_L} index lanes inside one vector ("low" qubits: handled by lane shuffles); qubits at
 * or above it index whole vectors ("high" qubits: handled by address arithmetic).
 */
final class Lanes {
    private Lanes() {}

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int LOG_L = Integer.numberOfTrailingZeros(L);
    static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Bytes of one vector of doubles. */
    static final long VECTOR_BYTES = (long) L << 3;

    /**
     * Runs of at least this many consecutive vectors between a kernel's skipped bits go through a
     * counted inner loop (TileSweeps, MuxSweeps). Why: in the flat walk every access carries its own
     * bounds check at a computed address; in a counted loop C2 hoists them, which took a tile in
     * L1/L2 from 2.8–2.9 to 2.2–2.4 cycles per vector for runs of 64 vectors or more, while for
     * runs of 32 vectors or fewer the inner loop's set-up cost more than it saved (probe,
     * benchmarks/RESULTS.md).
     */
    static final long NESTED_RUN_VECTORS = 64;

    /** XOR[x] sends lane l to lane l ^ x: the partner amplitudes of low qubits. */
    private static final VectorShuffle<Double>[] XOR;
    /**
     * MASKS[b] is set on the lanes of the bits of b. Built once, not by VectorMask.fromLong per call:
     * where C2 did not inline mask() into a kernel (a sweep compiled while its profile was thin),
     * fromLong ran its Java fallback and allocated a mask and a boolean[] on every kernel call.
     */
    private static final VectorMask<Double>[] MASKS;
    /** BIT[q] is set on lanes whose index has bit q set (q < LOG_L). */
    private static final VectorMask<Double>[] BIT;
    /** SWAP_BITS[a * LOG_L + b] exchanges lane-index bits a and b. */
    private static final VectorShuffle<Double>[] SWAP_BITS;

    static {
        if (L < 2 || Integer.bitCount(L) != 1) {
            throw new ExceptionInInitializerError("unsupported vector length " + L + " for doubles");
        }
        @SuppressWarnings("unchecked")
        VectorShuffle<Double>[] xor = new VectorShuffle[L];
        for (int x = 0; x < L; x++) {
            final int fx = x;
            xor[x] = VectorShuffle.fromOp(S, i -> i ^ fx);
        }
        XOR = xor;
        @SuppressWarnings("unchecked")
        VectorMask<Double>[] masks = new VectorMask[1 << L];
        for (int b = 0; b < masks.length; b++) masks[b] = VectorMask.fromLong(S, b);
        MASKS = masks;
        @SuppressWarnings("unchecked")
        VectorMask<Double>[] bit = new VectorMask[LOG_L];
        for (int q = 0; q < LOG_L; q++) {
            long m = 0;
            for (int l = 0; l < L; l++) if (((l >> q) & 1) != 0) m |= 1L << l;
            bit[q] = VectorMask.fromLong(S, m);
        }
        BIT = bit;
        @SuppressWarnings("unchecked")
        VectorShuffle<Double>[] sw = new VectorShuffle[LOG_L * LOG_L];
        for (int a = 0; a < LOG_L; a++) {
            for (int b = 0; b < LOG_L; b++) {
                final int fa = a, fb = b;
                sw[a * LOG_L + b] = VectorShuffle.fromOp(S, i -> swapBits(i, fa, fb));
            }
        }
        SWAP_BITS = sw;
    }

    static VectorShuffle<Double> xor(int x) { return XOR[x]; }

    static VectorMask<Double> bit(int q) { return BIT[q]; }

    static VectorShuffle<Double> swapBits(int a, int b) { return SWAP_BITS[a * LOG_L + b]; }

    /** A lane mask from the low L bits of {@code bits}. */
    static VectorMask<Double> mask(long bits) { return MASKS[(int) (bits & ((1L << L) - 1))]; }

    static int swapBits(int i, int a, int b) {
        int ba = (i >> a) & 1, bb = (i >> b) & 1;
        return ba == bb ? i : i ^ ((1 << a) | (1 << b));
    }

    // No load/store helpers here, on purpose: every kernel writes DoubleVector.fromMemorySegment and
    // intoMemorySegment out. Those are @ForceInline all the way down, so C2 inlines them whatever the
    // profile says; an ordinary helper it may refuse ("low call site frequency" when the sweep was
    // inlined into KernelOp.run while it had only run in tier 2, "already compiled into a medium
    // method", or NodeCountInliningCutoff in big kernels), and a vector handed to a call that is
    // not inlined is boxed on every access. Through helpers, 22 JVMs in 30 kept such a compilation
    // of controlled X for the whole gathered-run workload (98 KB per run; GatheredRunsTest).
    // NoVectorHelpersTest keeps vectors from crossing calls.

    /** Inserts a zero bit at position {@code pos} of {@code p}: bits at and above pos move up one. */
    static long insertZero(long p, int pos) {
        long low = (1L << pos) - 1;
        return ((p & ~low) << 1) | (p & low);
    }
}
