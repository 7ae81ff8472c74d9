package org.qff.simulator.exec;

/**
 * How a run of ops on a strided cache block [0, c) ∪ [h, n) (h &lt; n) is applied: in place
 * ({@link BlockedOps}, with the low part widened to whole 4 KiB pages) or gathered into a
 * contiguous buffer ({@link GatheredOps}).
 *
 * <p>What decides it is the run length of the strided reads. A run of 2^c amplitudes is 2^c × 8
 * bytes of real parts (and as many of imaginary parts); below a 4 KiB page (c &lt; 9) the hardware
 * prefetcher restarts on every run, and reading the state in that order costs ~2 sweeps at n = 24
 * against ~1 for runs of a page or more. Gathering does not avoid that read, and adds its copies
 * (a gathered pass with one trivial op costs ~3.2 sweeps at n = 24, c = 7, h = 15); in place with
 * page-long runs the first op's loads also overlap its arithmetic. Measured, single thread, in
 * sweeps (same-run medians, dense two-qubit ops on the high qubits plus two on lane qubits):
 * <ul>
 *   <li>c ≥ 9 already: in place wins at every run length tried, e.g. n = 24, h = 17: 1 op 1.7
 *       against 3.0 gathered, 8 ops 5.2 against 5.9; h = 19: 6 ops 3.9 against 5.1; likewise at
 *       n = 18, 20, 22.</li>
 *   <li>c &lt; 9 (nine high qubits at n = 24, h = 15, c = 7): in place with c widened to 9 (a 4 MiB
 *       block, beyond L2, so each op streams it from L3) wins for short runs: 1 op 1.6 against 3.3,
 *       4 ops 3.6 against 4.6, 8 ops of the fused layered circuit 5.2 against 5.7; ties at 10 ops
 *       and loses at 11–14 (the layered circuit's 14-op pass: 9.6 against 8.8), hence
 *       {@link #MAX_WIDENED_RUN}. At n = 18..22 it still won at 10 ops.</li>
 * </ul>
 * Compiled circuits at n = 24, fusion 2, old plan (everything strided gathered) against this one
 * in the same run: a trivial one-op pass 2.5–2.7 against 1.4–1.5; a brickwork circuit (RY on
 * every qubit, CZ on alternating pairs; every strided run here becomes in place) 7.9 against 6.9
 * per layer (second run: 8.4 against 7.5); the layered benchmark circuit, where only the last of
 * its five strided runs is short enough, unchanged within the noise (10.8–11.3 against
 * 10.4–11.0).
 */
final class StridedRuns {
    private StridedRuns() {}

    /** log2 of the amplitudes in a 4 KiB page of real (or imaginary) parts. */
    static final int PAGE_QUBITS = 9;
    /** Longest run applied in place on a block widened beyond the cache budget. */
    static final int MAX_WIDENED_RUN = 8;
    /** How far (in qubits) a widened in-place block may exceed the cache budget: 4 MiB at 2^16. */
    static final int MAX_WIDENING = 2;

    /**
     * The low qubits of the in-place block for a run of {@code runSize} ops on the strided split
     * (c, h) of an n-qubit state, or -1 to gather it instead.
     */
    static int inPlaceLow(int c, int h, int n, int runSize, int blockQubits) {
        if (c >= PAGE_QUBITS) {
            // Longer runs read DRAM faster still: at n = 24, h = 18, a pass costs 1.9 sweeps with
            // c = 10 (8 KiB runs), 1.4 with c = 12 (32 KiB); the block then stays within 4 MiB.
            int wide = Math.min(h, blockQubits + MAX_WIDENING - (n - h));
            return runSize <= MAX_WIDENED_RUN ? Math.max(c, wide) : c;
        }
        int wide = Math.min(h, PAGE_QUBITS);
        if (runSize <= MAX_WIDENED_RUN && wide + (n - h) <= blockQubits + MAX_WIDENING) return wide;
        return -1;
    }
}
