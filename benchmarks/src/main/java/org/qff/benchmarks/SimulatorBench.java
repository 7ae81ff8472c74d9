package org.qff.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.qff.benchmarks.simulator.LayeredCircuit;

/**
 * {@code qff bench simulator}: per-gate times against the memory sweep, the layered circuit, and
 * the comparison with Strange, all JMH, all in one run so the ratios share machine conditions.
 *
 * <p>Quick mode (under about two minutes): gates at n = 20 and 24 on high targets, the sweep at
 * both sizes, the cache-blocked layer at n = 24 (1 thread), and the whole circuit at n = 16 through
 * Strange (one shot: a Strange run takes ~15 s) and through qff. Full mode adds n = 12 and 16, low
 * targets, unblocked layers, 2 threads and Strange at n = 8 and 12.
 *
 * <p>Every ratio to the sweep is paired call by call: each gate call (each circuit run) is followed
 * by one sweep of the same state, both timed on their own ({@code GateBenchmark.gateThenSweep},
 * {@code LayerBenchmark.layerThenSweep}); per iteration the two times give a ratio, and the median
 * over iterations is reported. {@code sweep_us} holds the sweeps each ratio was formed from.
 *
 * <p>Can also be run directly: {@code java --add-modules jdk.incubator.vector -cp … org.qff.benchmarks.SimulatorBench [--quick]}.
 */
public final class SimulatorBench implements BenchRunner {

    /** The layer variant behind layer_fused_n24_over_sweep (the fastest fusion width measured at n = 24). */
    static final String QUICK_LAYER = "fused2";

    /** The seven gates ("dense2" is a dense 2×2: any one-qubit unitary), then the dense 4×4 ("dense4"). */
    static final String[] GATES = {"ry", "rz", "h", "dense2", "cnot", "cz", "heisenberg", "dense4"};

    @Override
    public String name() { return "simulator"; }

    @Override
    public String description() {
        return "gate kernels vs the memory sweep, layered circuit, Strange comparison";
    }

    @Override
    public int steps(boolean quick) {
        return GATES.length + 3;
    }

    @Override
    public Map<String, Object> run(boolean quick, Progress progress) throws Exception {
        String sizes = quick ? "20,24" : "12,16,20,24";
        String positions = quick ? "high" : "high,0,1,2";
        int total = steps(quick);
        int done = 0;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "simulator");
        out.put("mode", quick ? "quick" : "full");
        out.put("date", Instant.now().toString());
        out.put("cpu", Machine.cpuModel());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // 1. gates, each call followed by a sweep of the same state timed on its own (PairedTimes):
        // every ratio is formed within one JMH iteration, then the median over iterations taken.
        // Sweeps in forks of their own drifted by 20-40 % against the gates on this shared machine
        // (benchmarks/RESULTS.md, 2026-12-02), and moved every ratio with them.
        Map<String, Map<String, PairedFigures>> gate = new LinkedHashMap<>(); // gate -> "n20/high" -> figures
        for (String g : GATES) {
            ChainedOptionsBuilder o = timed(JmhFigures.options("GateBenchmark.gateThenSweep"), quick)
                    .param("n", sizes.split(",")).param("gate", g).param("position", positions.split(","));
            Map<String, PairedFigures> byConfig = new LinkedHashMap<>();
            for (RunResult r : JmhFigures.run(o)) {
                byConfig.put("n" + JmhFigures.param(r, "n") + "/" + JmhFigures.param(r, "position"), PairedFigures.of(r, 1));
            }
            gate.put(g, byConfig);
            progress.report(++done, total, g + " done");
        }
        Map<String, Object> ratios = new LinkedHashMap<>(), gateFig = new LinkedHashMap<>(), lowOverHigh = new LinkedHashMap<>();
        Map<String, Object> sweepFig = new LinkedHashMap<>();
        for (String g : GATES) {
            Map<String, Object> rg = new LinkedHashMap<>(), fg = new LinkedHashMap<>(), lh = new LinkedHashMap<>(), sg = new LinkedHashMap<>();
            gate.get(g).forEach((k, f) -> {
                fg.put(k, f.opFigures("us/op", 1e3));
                String n = k.substring(0, k.indexOf('/'));
                if (k.endsWith("/high")) {
                    rg.put(n, f.medianRatio());
                    sg.put(n, f.sweepFigures("us/op", 1e3));
                } else {
                    PairedFigures high = gate.get(g).get(n + "/high");
                    if (high != null) lh.put(k.replace('/', '_'), f.medianOp(1) / high.medianOp(1));
                }
            });
            ratios.put(g, rg);
            gateFig.put(g, fg);
            sweepFig.put(g, sg);
            if (!lh.isEmpty()) lowOverHigh.put(g, lh);
        }
        out.put("ratio_method", "each gate call (or 5-layer circuit run) is followed by one sweep of the same state, timed on its own;"
                + " per JMH iteration, time per gate (per layer) over time per sweep; the median over iterations");
        out.put("gate_over_sweep", ratios);
        out.put("gate_us", gateFig);
        if (!lowOverHigh.isEmpty()) out.put("low_over_high", lowOverHigh);

        // 2. the layered circuit, per layer, each circuit run followed by a sweep as above.
        // Time-based iterations, not single shots: two single-shot warm-ups (two circuit runs) left the
        // fused kernels to be compiled during the measurement (quick run 2026-12-02 02:41: 63.9 ms per
        // layer against 45-52 ms with 2 x 1 s of warm-up).
        ChainedOptionsBuilder lo = JmhFigures.options("LayerBenchmark.layerThenSweep")
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS)
                .warmupIterations(quick ? 4 : 3).warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .measurementIterations(quick ? 5 : 6).measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .param("n", quick ? new String[] {"24"} : new String[] {"20", "24"})
                .param("threads", quick ? new String[] {"1"} : new String[] {"1", "2"})
                .param("variant", quick ? new String[] {QUICK_LAYER} : new String[] {"unfused", "blocked", "fused2", "fused3", "fused4"});
        Map<String, Object> layerFig = new LinkedHashMap<>(), layerRatio = new LinkedHashMap<>(), layerSweep = new LinkedHashMap<>();
        for (RunResult r : JmhFigures.run(lo)) {
            String key = "n" + JmhFigures.param(r, "n") + "_t" + JmhFigures.param(r, "threads") + "_" + JmhFigures.param(r, "variant");
            PairedFigures f = PairedFigures.of(r, LayeredCircuit.LAYERS);
            layerFig.put(key, f.opFigures("ms/op", 1e6));
            layerRatio.put(key, f.medianRatio());
            layerSweep.put(key, f.sweepFigures("us/op", 1e3));
        }
        progress.report(++done, total, "layers done");
        out.put("layer_ms", layerFig);
        out.put("layer_over_sweep", layerRatio);
        sweepFig.put("layer", layerSweep);
        out.put("sweep_us", sweepFig);
        Object fused24 = layerRatio.get("n24_t1_" + QUICK_LAYER);
        if (fused24 != null) {
            out.put("layer_fused_n24_over_sweep", fused24);
            out.put("layer_fused_variant", QUICK_LAYER + ": the circuit layer's Simulator with fusion into blocks of at most 2 qubits"
                    + " and its cache blocking (2^16-amplitude blocks), 1 thread; the sweep 1 thread");
        }

        // 3. Strange vs qff on the whole 5-layer circuit
        String strangeSizes = quick ? "16" : "8,12,16";
        ChainedOptionsBuilder so = JmhFigures.options("StrangeBenchmark.strange")
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS)
                .warmupIterations(quick ? 0 : 1).measurementIterations(quick ? 1 : 3)
                .param("n", strangeSizes.split(","));
        Map<String, RunResult> strange = new LinkedHashMap<>();
        for (RunResult r : JmhFigures.run(so)) strange.put("n" + JmhFigures.param(r, "n"), r);
        progress.report(++done, total, "Strange done");
        ChainedOptionsBuilder qo = timed(JmhFigures.options("StrangeBenchmark.qffFused"), quick)
                .timeUnit(TimeUnit.MILLISECONDS).param("n", strangeSizes.split(","));
        Map<String, RunResult> ours = new LinkedHashMap<>();
        for (RunResult r : JmhFigures.run(qo)) ours.put("n" + JmhFigures.param(r, "n"), r);
        progress.report(++done, total, "qff circuit done");
        Map<String, Object> sFig = new LinkedHashMap<>(), qFig = new LinkedHashMap<>(), speed = new LinkedHashMap<>();
        strange.forEach((k, r) -> {
            sFig.put(k, JmhFigures.figures(r));
            if (ours.containsKey(k)) speed.put(k, JmhFigures.median(r) / JmhFigures.median(ours.get(k)));
        });
        ours.forEach((k, r) -> qFig.put(k, JmhFigures.figures(r)));
        out.put("qff_circuit_variant", "the circuit layer's Simulator, fusion into blocks of at most 2 qubits, 1 thread");
        out.put("strange_circuit_ms", sFig);
        out.put("qff_circuit_ms", qFig);
        out.put("speedup_vs_strange", speed);
        if (speed.containsKey("n16")) out.put("speedup_vs_strange_n16", speed.get("n16"));
        out.put("jmh_logs", JmhFigures.logDir().toString());
        out.put("load_average_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return out;
    }

    private static ChainedOptionsBuilder timed(ChainedOptionsBuilder o, boolean quick) {
        return o.mode(Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS)
                .warmupIterations(quick ? 4 : 5).warmupTime(TimeValue.milliseconds(quick ? 150 : 400))
                .measurementIterations(quick ? 5 : 8).measurementTime(TimeValue.milliseconds(quick ? 150 : 400));
    }

    /** Plain entry point: {@code SimulatorBench [--quick] [--json FILE]}. */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--json" -> json = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Map<String, Object> figures = new SimulatorBench().run(quick, (d, t, m) -> System.err.println("[" + d + "/" + t + "] " + m));
        String text = JsonOut.write(figures);
        if (json != null) JsonOut.writeFile(java.nio.file.Path.of(json), figures);
        System.out.println(text);
    }

}
