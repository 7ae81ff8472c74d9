package org.qff.benchmarks.training;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.qff.benchmarks.JmhFigures;
import org.qff.benchmarks.Machine;

/** {@code qff bench training}: seconds per epoch over 1000 ethanol frames, 1 and 2 threads; key {@code epoch_ethanol_1000_s}. */
public final class TrainingBench {
    private TrainingBench() {}

    public static Map<String, Object> run(boolean quick) throws Exception {
        TrainingEpochBenchmark.requireData();
        ChainedOptionsBuilder o = JmhFigures.options(TrainingEpochBenchmark.class.getName())
                .warmupIterations(quick ? 2 : 3).measurementIterations(quick ? 3 : 7)
;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "training");
        out.put("date", Instant.now().toString());
        out.put("cpu", Machine.cpuModel());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("workload", "one epoch, default revised QNN, 1000 rMD17 ethanol frames, energy+force loss, batch 16");
        for (RunResult r : JmhFigures.run(o)) {
            String t = JmhFigures.param(r, "threads");
            String key = t.equals("1") ? "epoch_ethanol_1000_s" : "epoch_ethanol_1000_" + t + "threads_s";
            out.put(key, JmhFigures.median(r));
            out.put(key.replace("_s", "_figures"), JmhFigures.figures(r));
        }
        return out;
    }
}
