package org.qff.benchmarks.gradients;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.qff.qnn.io.AtomicFiles;

/**
 * The runner behind {@code qff bench gradients [--quick] [--json FILE]}: runs {@link AdjointBench}
 * and {@link BatchedBench} through JMH and writes the figures as JSON, among them
 * {@code adjoint_over_forward_n16}, {@code adjoint_over_forward_n20} and
 * {@code batched_gradients_per_s_n8}. Ratios are of medians measured in the same run; each figure
 * also carries its min–max over measurement iterations.
 */
public final class GradientsBenchRunner {
    private GradientsBenchRunner() {}

    /** Runs the suite (quick: fewer and shorter iterations, fewer sizes) and writes JSON to {@code json} if non-null. */
    public static Map<String, Object> run(boolean quick, Path json) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "gradients");
        out.put("date", Instant.now().toString());
        out.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        out.put("cpu_count", Runtime.getRuntime().availableProcessors());
        out.put("kernels", GradientCircuits.bestKernels().getClass().getName());
        out.put("quick", quick);

        // The shared machines drift in load over minutes: measure forward and adjoint in several
        // short alternating rounds and report the median of the per-round ratios (with min–max).
        int rounds = quick ? 1 : 3;
        // "forward" is the plain gate-by-gate runner (the reference); "fused" the exec
        // executor with two-qubit fusion, reported beside it because it is faster at n = 20.
        Map<String, double[]> ratios = new LinkedHashMap<>(), fusedRatios = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Collection<RunResult> adjoint = jmh(quick, AdjointBench.class.getName() + "\\.(forward|forwardFused|adjointGradient)$", "n", new String[] {"16", "20"});
            for (String n : new String[] {"16", "20"}) {
                double fwd = median(adjoint, "forward", "n", n), adj = median(adjoint, "adjointGradient", "n", n);
                double fus = median(adjoint, "forwardFused", "n", n);
                ratios.computeIfAbsent(n, x -> new double[rounds])[round] = adj / fwd;
                fusedRatios.computeIfAbsent(n, x -> new double[rounds])[round] = adj / fus;
                if (round == 0) {
                    out.put("forward_ms_n" + n, figure(adjoint, "forward", "n", n));
                    out.put("forward_fused_ms_n" + n, figure(adjoint, "forwardFused", "n", n));
                    out.put("adjoint_ms_n" + n, figure(adjoint, "adjointGradient", "n", n));
                }
            }
        }
        for (var e : ratios.entrySet()) {
            out.put("adjoint_over_forward_n" + e.getKey(), medianOf(e.getValue()));
            out.put("adjoint_over_forward_rounds_n" + e.getKey(), e.getValue());
        }
        for (var e : fusedRatios.entrySet()) {
            out.put("adjoint_over_fused_forward_n" + e.getKey(), medianOf(e.getValue()));
            out.put("adjoint_over_fused_forward_rounds_n" + e.getKey(), e.getValue());
        }
        Collection<RunResult> shift = jmh(quick, AdjointBench.class.getName() + "\\.(forward|parameterShiftGradient)$", "n", new String[] {"16"});
        out.put("parameter_shift_ms_n16", figure(shift, "parameterShiftGradient", "n", "16"));
        out.put("parameter_shift_over_forward_n16", median(shift, "parameterShiftGradient", "n", "16") / median(shift, "forward", "n", "16"));

        String[] sizes = quick ? new String[] {"4", "8"} : new String[] {"4", "6", "8", "10"};
        Collection<RunResult> batched = jmh(quick, BatchedBench.class.getName() + "\\.", "n", sizes);
        int batch = 64;
        for (String n : sizes) {
            double b = median(batched, "batched", "n", n), s = median(batched, "oneAtATime", "n", n);
            out.put("batched_gradients_per_s_n" + n, batch / (b / 1000));
            out.put("single_gradients_per_s_n" + n, batch / (s / 1000));
            out.put("batched_speedup_n" + n, s / b);
        }
        if (json != null) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.writeString(json, mapper.writeValueAsString(out) + "\n");
        }
        return out;
    }

    /**
     * One JMH run. Warm-up is 4–5 s: the Vector API code runs boxed (~100× slower) until C2 has
     * compiled it, which took about 3 s for the batched benchmark (first iterations 1.4 s/op, 0.3 s/op,
     * then 8 ms/op at n = 8); fewer warm-up iterations measured part of that.
     */
    private static Collection<RunResult> jmh(boolean quick, String include, String param, String[] values) throws IOException {
        ChainedOptionsBuilder o = new OptionsBuilder().include(include).param(param, values).forks(1)
                .warmupIterations(quick ? 4 : 5).measurementIterations(quick ? 3 : 5)
                .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g")
                .shouldFailOnError(true);
        try {
            return new Runner(o.build()).run();
        } catch (RunnerException e) {
            throw new IOException("JMH run failed for " + include + ": " + e.getMessage(), e);
        }
    }

    private static double medianOf(double[] values) {
        double[] r = values.clone();
        java.util.Arrays.sort(r);
        return r[r.length / 2];
    }

    private static RunResult find(Collection<RunResult> results, String method, String param, String value) {
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            if (label.endsWith("." + method) && value.equals(r.getParams().getParam(param))) return r;
        }
        throw new IllegalStateException("no JMH result for " + method + " with " + param + "=" + value);
    }

    private static double median(Collection<RunResult> results, String method, String param, String value) {
        return find(results, method, param, value).getPrimaryResult().getStatistics().getPercentile(50);
    }

    /** Median with min–max in the benchmark's unit (ms/op). */
    private static Map<String, Object> figure(Collection<RunResult> results, String method, String param, String value) {
        var st = find(results, method, param, value).getPrimaryResult().getStatistics();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("median", st.getPercentile(50));
        f.put("min", st.getMin());
        f.put("max", st.getMax());
        return f;
    }

    /** {@code java ... GradientsBenchRunner [--quick] [json-file]} */
    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path json = null;
        for (String a : args) {
            if (a.equals("--quick")) quick = true;
            else json = Path.of(a);
        }
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(run(quick, json)));
    }
}
