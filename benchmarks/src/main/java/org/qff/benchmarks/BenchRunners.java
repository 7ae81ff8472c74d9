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
        // RUNNERS.put("gradients", ...), "potential", "md", "ffi", "training": added by their areas.
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
