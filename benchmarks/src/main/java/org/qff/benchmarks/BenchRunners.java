package org.qff.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The registry of {@code qff bench} suites by name: one line per area. */
public final class BenchRunners {
    private BenchRunners() {}

    private static final Map<String, Supplier<BenchRunner>> RUNNERS = new LinkedHashMap<>();

    static {
        RUNNERS.put("simulator", SimulatorBench::new);
        RUNNERS.put("gradients", () -> new FunctionBenchRunner("gradients", "adjoint and parameter-shift cost vs a forward pass; batched small circuits",
                1, quick -> org.qff.benchmarks.gradients.GradientsBenchRunner.run(quick, null)));
        RUNNERS.put("potential", () -> new FunctionBenchRunner("potential", "QNN energy+forces and training step, ethanol and aspirin",
                org.qff.benchmarks.potential.PotentialBench.STEPS, quick -> org.qff.benchmarks.potential.PotentialBench.run(quick, null)));
        RUNNERS.put("ffi", () -> new FunctionBenchRunner("ffi", "C ABI overhead and i-PI round trip, 21-atom Lennard-Jones", 1,
                quick -> org.qff.bench.ffi.FfiBench.run(quick, null)));
        RUNNERS.put("training", () -> new FunctionBenchRunner("training", "one epoch over 1000 rMD17 ethanol frames, 1 and 2 threads", 1,
                org.qff.benchmarks.training.TrainingBench::run));
    }

    /** Adds a suite from a module this one cannot see (the MD engine lives in the application). */
    public static synchronized void register(String name, Supplier<BenchRunner> runner) {
        RUNNERS.put(name, runner);
    }

    public static Iterable<String> names() {
        return RUNNERS.keySet();
    }

    public static BenchRunner get(String name) {
        Supplier<BenchRunner> s = RUNNERS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown benchmark '" + name + "'; known: " + String.join(", ", RUNNERS.keySet()));
        }
        return s.get();
    }
}
