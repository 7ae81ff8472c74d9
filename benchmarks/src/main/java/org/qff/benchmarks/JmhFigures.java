package org.qff.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/** Runs JMH from code and turns its results into median / min / max figures. */
public final class JmhFigures {
    private JmhFigures() {}

    /** JVM flags every fork needs (the Vector API module) and a heap large enough for Strange. */
    public static final String[] FORK_FLAGS = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g"};

    private static Path logDir;

    /** Where JMH's own output goes (one file per run), so stdout stays pure JSON. */
    public static synchronized Path logDir() throws IOException {
        if (logDir == null) logDir = Files.createTempDirectory("qff-bench-jmh-");
        return logDir;
    }

    /** Options with the qff fork flags; JMH's console output goes to a log file in {@link #logDir()}. */
    public static ChainedOptionsBuilder options(String includeRegex) throws IOException {
        Path log = logDir().resolve(includeRegex.replaceAll("[^A-Za-z0-9.]", "_") + "-" + System.nanoTime() + ".log");
        return new OptionsBuilder()
                .include(includeRegex)
                .output(log.toString())
                .forks(1)
                .jvmArgsAppend(FORK_FLAGS)
                .verbosity(VerboseMode.NORMAL)
                .shouldFailOnError(true);
    }

    public static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    /** {median, min, max, unit, samples} of one result's measurement iterations. */
    public static Map<String, Object> figures(RunResult r) {
        Statistics st = r.getPrimaryResult().getStatistics();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", st.getPercentile(50));
        m.put("min", st.getMin());
        m.put("max", st.getMax());
        m.put("unit", r.getPrimaryResult().getScoreUnit());
        m.put("samples", st.getN());
        return m;
    }

    public static double median(RunResult r) {
        return r.getPrimaryResult().getStatistics().getPercentile(50);
    }

    public static String param(RunResult r, String name) {
        BenchmarkParams p = r.getParams();
        return p.getParam(name);
    }

    public static String method(RunResult r) {
        String b = r.getParams().getBenchmark();
        return b.substring(b.lastIndexOf('.') + 1);
    }
}
