package org.qff.simulator;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Steady-state allocation of a workload, for the allocation tests. Before C2 has compiled the SIMD
 * code, the interpreter and C1 allocate megabytes per call, and when that ends is up to the JIT; so
 * a workload runs rounds of {@value #CALLS} calls and its cleanest round counts. Any allocation per
 * call, even one small object, makes every round fail the bound {@value #CALLS} × 16 bytes (16 bytes
 * being the smallest object), while a one-off (deoptimisation, class loading) only spoils a round.
 *
 * <p>Workloads run in fresh JVMs: in the JVM of the whole test suite, after other tests have
 * compiled the shared kernels with their own profiles, Vector API code was measured boxing
 * (~110 KB per adjoint gradient in about one run in three; ~500 KB per gathered circuit run once
 * in about twelve suite runs on 2026-12-02), while a JVM running only the workload, as an
 * application's loop does, allocated nothing. Another fresh JVM runs only when the previous
 * allocated. That retry once hid a real fault: kernels called Lanes.load/store and Lanes.mask,
 * ordinary helpers that C2 left out of line when a sweep was inlined into KernelOp.run with a thin
 * profile, boxing every vector (the gathered workload allocated in 22 JVMs of 30, mixed positions
 * in 6 of 30; CI failed on it). Since every kernel writes its Vector API calls out, each workload
 * was clean in 30 JVMs of 30 (benchmarks/RESULTS.md, "Helpers out of line"). An allocation the
 * code makes on every call shows in most JVMs, so it still fails here.
 *
 * <p>{@value #ROUNDS} rounds at most (a clean round ends the loop early): a kernel a workload calls
 * about once per run reaches C2 only after some 13 000 runs, and until then its C1 code allocates on
 * every call. Seen in the gathered-run workload once the CNOT ladder's (2, 3) blocks moved to their
 * own kernel, leaving the general real mixed pair to one call per run: 3.2 KB per run in every one
 * of 60 rounds, clean from about round 70 (PrintCompilation: the kernel reached tier 4 only then).
 */
public final class SteadyAllocation {
    private SteadyAllocation() {}

    public static final int CALLS = 200;
    private static final int ROUNDS = 150;

    /** The bound a workload's cleanest round must stay under. */
    public static final long BOUND = 16L * CALLS;

    public static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Lowest allocation of one round of CALLS calls, stopping at the first clean round. */
    public static long cleanestRound(IntConsumer call) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && best >= BOUND; round++) {
            long before = allocatedBytes();
            for (int i = 0; i < CALLS; i++) call.accept(i);
            best = Math.min(best, allocatedBytes() - before);
        }
        return best;
    }

    /**
     * Fails unless {@code workload} (run with {@code arg} in fresh JVMs, {@link #cleanestOfFreshJvms})
     * has a round of {@value #CALLS} calls allocating less than {@link #BOUND}; {@code calls} names
     * them in the message.
     */
    public static void assertAllocatesNothing(Class<?> workload, String arg, String calls) throws Exception {
        long bytes = cleanestOfFreshJvms(workload, arg);
        org.junit.jupiter.api.Assertions.assertTrue(bytes < BOUND, "cleanest round of " + CALLS + " " + calls + " allocated " + bytes + " bytes");
    }

    /** {@link #cleanestRound} of runs of a compiled circuit, its first trainable re-bound in place before each. */
    public static long cleanestCircuitRound(org.qff.simulator.exec.CompiledCircuit cc, org.qff.simulator.circuit.Bindings b, StateVector s) {
        return cleanestRound(i -> {
            b.trainables()[0] = 0.001 * i; // new parameters each run, re-bound in place
            cc.run(b, s);
        });
    }

    /**
     * Runs {@code workload}'s main (which prints "cleanest &lt;bytes&gt;") with {@code arg} in a fresh
     * JVM on this class path, and in up to {@value #JVMS} − 1 more while each allocated; the lowest
     * result. Three, not two: on 2026-12-02 both of two JVMs kept an allocating compilation once in
     * about 15 runs of the adjoint workload while the rest of the suite loaded the machine, never in
     * 11 runs on their own.
     */
    public static long cleanestOfFreshJvms(Class<?> workload, String arg) throws Exception {
        long bytes = inFreshJvm(workload, arg);
        for (int jvm = 1; jvm < JVMS && bytes >= BOUND; jvm++) bytes = Math.min(bytes, inFreshJvm(workload, arg));
        return bytes;
    }

    private static final int JVMS = 3;

    private static long inFreshJvm(Class<?> workload, String arg) throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                workload.getName(), arg).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the " + arg + " workload did not finish in 120 s");
        }
        for (String line : out.split("\\R")) if (line.startsWith("cleanest ")) return Long.parseLong(line.substring(9).trim());
        throw new AssertionError("the " + arg + " workload printed no result (exit " + p.exitValue() + "):\n" + out);
    }
}
