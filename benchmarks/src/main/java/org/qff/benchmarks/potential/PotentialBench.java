package org.qff.benchmarks.potential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The runner behind {@code qff bench potential [--quick] [--json FILE]}: runs each
 * {@link PotentialBenchmark} method through JMH and reports, per case, the median and min–max of the
 * measurement iterations in milliseconds. Figures: {@code <molecule>_energy_forces_ms} (1 thread),
 * {@code <molecule>_energy_forces_split2_ms} (one call split over 2 threads),
 * {@code <molecule>_energy_forces_2threads_ms} (per call, 2 concurrent callers),
 * {@code <molecule>_energy_forces_general_simulator_ms} (same work on the general simulator's
 * adjoint evaluator, for the ratio), {@code <molecule>_training_step_ms}, each with
 * {@code _min_ms}/{@code _max_ms} companions; molecule = ethanol, aspirin.
 */
public final class PotentialBench {
    private PotentialBench() {}

    private static final String[] METHODS = {"energyForces1", "energyForcesSplit2", "energyForces2", "energyForcesGeneralSimulator", "trainingStep"};
    private static final String[] SUFFIXES = {"_energy_forces_ms", "_energy_forces_split2_ms", "_energy_forces_2threads_ms",
        "_energy_forces_general_simulator_ms", "_training_step_ms"};

    /** Progress steps {@link #figures} reports (one per JMH run). */
    public static final int STEPS = METHODS.length;

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) quick = true;
            else if (args[i].equals("--json") && i + 1 < args.length) json = Path.of(args[++i]);
            else throw new IllegalArgumentException("unknown argument \"" + args[i] + "\" (use --quick, --json FILE)");
        }
        run(quick, json);
    }

    /** Runs the suite; prints a table; writes the figures as JSON to {@code json} (atomically) when non-null. */
    public static Map<String, Object> run(boolean quick, Path json) throws RunnerException, IOException {
        Map<String, Object> out = figures(quick, (done, message) -> System.err.println("[" + done + "/" + STEPS + "] " + message));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-48s %10s %22s%n", "case", "median ms", "min-max ms"));
        for (Map.Entry<String, Object> e : out.entrySet()) {
            String k = e.getKey();
            if (!k.endsWith("_ms") || k.endsWith("_min_ms") || k.endsWith("_max_ms")) continue;
            String base = k.substring(0, k.length() - 3);
            table.append(String.format(Locale.ROOT, "%-48s %10.4f %10.4f-%-10.4f%n", k, (Double) e.getValue(), (Double) out.get(base + "_min_ms"), (Double) out.get(base + "_max_ms")));
        }
        System.out.print(table);
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Path tmp = json.toAbsolutePath().resolveSibling(json.getFileName() + ".tmp");
            Files.writeString(tmp, mapper.writeValueAsString(out) + "\n");
            Files.move(tmp, json.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    /**
     * Runs the suite and returns the figures as a JSON-ready map; {@code progress} receives
     * (runs done, what finished) after each of the {@link #STEPS} JMH runs.
     */
    public static Map<String, Object> figures(boolean quick, BiConsumer<Integer, String> progress) throws RunnerException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "potential");
        out.put("quick", quick);
        out.put("jdk", System.getProperty("java.vm.version"));
        out.put("model", "qnn-revised default (4 qubits, depth 2, ring, cutoff 4.0 A, 6 Gaussians, reflection-averaged)");
        for (int m = 0; m < METHODS.length; m++) {
            ChainedOptionsBuilder opt = new OptionsBuilder().include(PotentialBenchmark.class.getName() + "\\." + METHODS[m] + "$");
            if (quick) {
                opt.warmupIterations(2).warmupTime(TimeValue.milliseconds(300)).measurementIterations(3).measurementTime(TimeValue.milliseconds(300));
            }
            for (RunResult r : new Runner(opt.build()).run()) {
                List<Double> values = new ArrayList<>();
                for (BenchmarkResult br : r.getBenchmarkResults()) {
                    for (IterationResult it : br.getIterationResults()) values.add(it.getPrimaryResult().getScore() / 1000.0);
                }
                values.sort(Double::compare);
                int n = values.size();
                double median = n % 2 == 1 ? values.get(n / 2) : 0.5 * (values.get(n / 2 - 1) + values.get(n / 2));
                String key = r.getParams().getParam("molecule") + SUFFIXES[m];
                String base = key.substring(0, key.length() - 3);
                out.put(key, median);
                out.put(base + "_min_ms", values.get(0));
                out.put(base + "_max_ms", values.get(n - 1));
            }
            progress.accept(m + 1, METHODS[m]);
        }
        return out;
    }
}
