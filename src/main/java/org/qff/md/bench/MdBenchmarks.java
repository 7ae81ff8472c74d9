package org.qff.md.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.qff.qnn.io.AtomicFiles;

/**
 * The runner behind {@code qff bench md}: JMH over {@link MdStepBenchmark}; prints a table and
 * writes the figures as JSON. Keys: {@code md_step_overhead_us_aspirin} (Nosé–Hoover NVT step on
 * aspirin with a zero potential, µs, median over iterations), the same for {@code _nve} and
 * {@code _langevin}, and {@code md_step_lj_us_argon21_<ensemble>}; with a model,
 * {@code md_step_qnn_ms_aspirin} (NVT step on aspirin with that model, ms). Without one that key
 * is absent, never estimated.
 */
public final class MdBenchmarks {
    private MdBenchmarks() {}

    /**
     * @param quick short warm-up and measurement (seconds in total, for CI); otherwise the full run
     * @param json where to write the figures, or null
     * @return the figures: key → median, plus key_min / key_max
     */
    public static Map<String, Object> run(boolean quick, Path json) throws RunnerException, IOException {
        return run(quick, json, null);
    }

    /**
     * @param qnnModel a QNN model (built-in name or file) covering H, C, O, measured as
     *     {@code md_step_qnn_ms_aspirin}; null to leave that key out
     */
    public static Map<String, Object> run(boolean quick, Path json, String qnnModel) throws RunnerException, IOException {
        String include = MdStepBenchmark.class.getName() + ".step";
        if (qnnModel != null) {
            // fail here, in this JVM, with a clear message rather than inside a JMH fork
            org.qff.qnn.potential.Potentials.load(qnnModel).checkCovers(BenchmarkSystems.aspirin());
            include = "(" + include + "|" + MdModelStepBenchmark.class.getName() + ".step)";
        }
        OptionsBuilder builder = new OptionsBuilder();
        if (qnnModel != null) builder.param("model", qnnModel);
        Options opt = builder
                .include(include)
                .forks(1)
                .warmupIterations(quick ? 3 : 5)
                .warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .measurementIterations(quick ? 3 : 10)
                .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opt).run();
        Map<String, Object> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String system = r.getParams().getParam("system");
            String ensemble = r.getParams().getParam("ensemble");
            String key = system == null ? "md_step_qnn_ms_aspirin"
                    : system.equals("zero-aspirin")
                    ? "md_step_overhead_us_aspirin" + (ensemble.equals("nvt") ? "" : "_" + ensemble)
                    : "md_step_lj_us_argon21_" + ensemble;
            var stats = r.getPrimaryResult().getStatistics();
            out.put(key, stats.getPercentile(50));
            out.put(key + "_min", stats.getMin());
            out.put(key + "_max", stats.getMax());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "md");
        doc.put("quick", quick);
        doc.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        doc.put("processors", Runtime.getRuntime().availableProcessors());
        doc.put("date", java.time.Instant.now().toString());
        doc.putAll(out);
        System.out.println("md step benchmarks (µs per step, ms for _ms_ keys; median [min-max] over iterations):");
        for (var e : out.entrySet()) {
            if (e.getKey().endsWith("_min") || e.getKey().endsWith("_max")) continue;
            System.out.printf("  %-40s %10.3f [%.3f-%.3f]%n", e.getKey(), (Double) e.getValue(), (Double) out.get(e.getKey() + "_min"),
                    (Double) out.get(e.getKey() + "_max"));
        }
        if (json != null) {
            AtomicFiles.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
        }
        return doc;
    }

    /** {@code java ... org.qff.md.bench.MdBenchmarks [--quick] [--json FILE] [--model QNN]} */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path json = null;
        String model = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> json = Path.of(args[++i]);
                case "--model" -> model = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --quick, --json FILE, --model QNN)");
            }
        }
        run(quick, json, model);
    }
}
