package org.qff.simulator.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A per-thread, off-heap scratch state for gathered cache blocks: 2^q amplitudes, split layout
 * (all real parts, then all imaginary parts) like {@link org.qff.simulator.StateVector}. Allocated
 * on a thread's first use and replaced only when a larger block is asked for, so steady-state runs
 * allocate nothing. Off-heap and 64-byte aligned, so the vector kernels run on it exactly as on a
 * state; an automatic arena frees it once its thread is gone.
 */
final class BlockBuffer {
    private static final ThreadLocal<BlockBuffer> LOCAL = ThreadLocal.withInitial(BlockBuffer::new);

    private MemorySegment segment = MemorySegment.NULL;
    private long dimension;

    private BlockBuffer() {}

    /** This thread's buffer, holding at least {@code dim} amplitudes. */
    static MemorySegment of(long dim) {
        BlockBuffer b = LOCAL.get();
        if (b.dimension < dim) {
            b.segment = Arena.ofAuto().allocate(2 * dim * Double.BYTES, 64);
            b.dimension = dim;
        }
        return b.segment;
    }
}
