package org.qff.bench.ffi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.annotations.Mode;
import org.qff.qnn.io.AtomicFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code qff bench ffi}: per-call overhead of the C ABI and one i-PI round trip, Lennard-Jones on
 * 21 atoms, measured with JMH in one run so the figures compare as ratios.
 *
 * <p>Keys: {@code direct_us} (Java call), {@code c_abi_call_us}, {@code c_abi_overhead_us}
 * (C ABI minus direct), {@code ipi_roundtrip_us} (Unix socket step, including the compute),
 * {@code ipi_roundtrip_tcp_us}; each with {@code _min}/{@code _max} over iterations.
 */
public final class FfiBench {
    private FfiBench() {}

    /** libqff.so: $QFF_LIB, else the build tree under qff.home (the launcher sets it) or the working directory. */
    static Path findLibqff() {
        String env = System.getenv("QFF_LIB");
        if (env != null && !env.isBlank()) return Path.of(env);
        String home = System.getProperty("qff.home", ".");
        for (Path p : new Path[] {Path.of(home, "ffi/target/native/libqff.so"), Path.of("ffi/target/native/libqff.so"),
            Path.of("../ffi/target/native/libqff.so")}) {
            if (Files.isRegularFile(p)) return p.toAbsolutePath();
        }
        return null;
    }

    /** Runs the suite, prints the figures, writes them to {@code json} when non-null, and returns them. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> run(boolean quick, Path json) throws Exception {
        Path lib = findLibqff();
        ChainedOptionsBuilder opt = new OptionsBuilder()
                .include(DirectCallBench.class.getName())
                .include(IpiRoundTripBench.class.getName())
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .warmupIterations(quick ? 3 : 5).warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .measurementIterations(quick ? 5 : 10).measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED");
        if (lib != null) {
            opt.include(CAbiCallBench.class.getName()).jvmArgsAppend("-D" + CAbiCallBench.LIBRARY_PROPERTY + "=" + lib);
        } else {
            System.err.println("bench ffi: libqff.so not found (build with gcc present, or set QFF_LIB): C ABI figures skipped");
        }
        Collection<RunResult> results = new Runner(opt.build()).run();
        Map<String, Statistics> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String transport = r.getParams().getParam("transport");
            byName.put(transport == null ? label : label + "_" + transport, r.getPrimaryResult().getStatistics());
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        out.put("date", java.time.Instant.now().toString());
        out.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        out.put("cpu", cpu());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("system", "lennard-jones, 21 Ar atoms");
        out.put("unit", "microseconds per call, median over iterations (min-max)");
        Statistics direct = byName.get("direct");
        put(out, "direct_us", direct);
        put(out, "ipi_roundtrip_us", byName.get("roundTrip_unix"));
        put(out, "ipi_roundtrip_tcp_us", byName.get("roundTrip_tcp"));
        Statistics cabi = byName.get("cAbi");
        if (cabi != null) {
            put(out, "c_abi_call_us", cabi);
            out.put("c_abi_overhead_us", cabi.getPercentile(50) - direct.getPercentile(50));
        }
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out);
        System.out.println(text);
        if (json != null) AtomicFiles.writeString(json, text + "\n");
        return mapper.convertValue(out, java.util.LinkedHashMap.class);
    }

    private static void put(ObjectNode out, String key, Statistics s) {
        if (s == null) return;
        out.put(key, s.getPercentile(50));
        out.put(key + "_min", s.getMin());
        out.put(key + "_max", s.getMax());
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (java.io.IOException ignored) {
            // not Linux: leave it unknown
        }
        return "unknown";
    }

    /** For running without the CLI: {@code FfiBench [--quick] [json]}. */
    public static void main(String[] args) throws Exception {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        Path json = null;
        for (String a : args) if (!a.startsWith("--")) json = Path.of(a);
        run(quick, json);
    }
}
