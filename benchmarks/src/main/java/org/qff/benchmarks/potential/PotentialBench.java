package org.qff.benchmarks.potential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The runner behind {@code qff bench potential [--quick] [--json FILE]}: runs
 * {@link PotentialBenchmark} through JMH and reports, per case, the median and min–max of the
 * measurement iterations in milliseconds. JSON keys: {@code <molecule>_energy_forces_ms} (1 thread),
 * {@code <molecule>_energy_forces_2threads_ms} (per call, 2 concurrent callers),
 * {@code <molecule>_training_step_ms}, {@code <molecule>_energy_forces_general_simulator_ms} (same
 * work on the general simulator's adjoint evaluator, for the ratio), each with {@code _min}/{@code _max} companions.
 */
public final class PotentialBench {
    private PotentialBench() {}

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

    /** Runs the suite; prints a table; writes the figures to {@code json} when non-null. */
    public static ObjectNode run(boolean quick, Path json) throws RunnerException, IOException {
        ChainedOptionsBuilder opt = new OptionsBuilder().include(PotentialBenchmark.class.getName() + ".*");
        if (quick) {
            opt.warmupIterations(2).warmupTime(TimeValue.milliseconds(300)).measurementIterations(3).measurementTime(TimeValue.milliseconds(300));
        }
        Collection<RunResult> results = new Runner(opt.build()).run();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode out = mapper.createObjectNode();
        out.put("benchmark", "potential");
        out.put("quick", quick);
        out.put("jdk", System.getProperty("java.vm.version"));
        out.put("model", "qnn-revised default (4 qubits, depth 2, ring, cutoff 4.0 A, 6 Gaussians, reflection-averaged)");
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-44s %10s %22s%n", "case", "median ms", "min-max ms"));
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            String molecule = r.getParams().getParam("molecule");
            String suffix = switch (method) {
                case "energyForces1" -> "_energy_forces_ms";
                case "energyForces2" -> "_energy_forces_2threads_ms";
                case "trainingStep" -> "_training_step_ms";
                case "energyForcesGeneralSimulator" -> "_energy_forces_general_simulator_ms";
                default -> "_" + method + "_ms";
            };
            List<Double> values = new ArrayList<>();
            for (BenchmarkResult br : r.getBenchmarkResults()) {
                for (IterationResult it : br.getIterationResults()) values.add(it.getPrimaryResult().getScore() / 1000.0);
            }
            values.sort(Double::compare);
            double median = values.size() % 2 == 1 ? values.get(values.size() / 2) : 0.5 * (values.get(values.size() / 2 - 1) + values.get(values.size() / 2));
            String key = molecule + suffix;
            out.put(key, median);
            out.put(key.replace("_ms", "_min_ms"), values.get(0));
            out.put(key.replace("_ms", "_max_ms"), values.get(values.size() - 1));
            table.append(String.format(Locale.ROOT, "%-44s %10.4f %10.4f-%-10.4f%n", key, median, values.get(0), values.get(values.size() - 1)));
        }
        System.out.print(table);
        if (json != null) {
            Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
            Files.writeString(tmp, mapper.writeValueAsString(out) + "\n");
            Files.move(tmp, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }
}
