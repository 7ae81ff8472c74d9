package org.qff.cli.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qff.benchmarks.BenchRunner;
import org.qff.benchmarks.BenchRunners;
import org.qff.benchmarks.FunctionBenchRunner;
import org.qff.benchmarks.JsonOut;
import org.qff.cli.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qff bench NAME [--quick] [--json FILE]}: runs a JMH-backed suite from the benchmarks
 * module by name (see {@link BenchRunners}) and prints, and optionally writes, its figures as JSON.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Run a JMH-backed benchmark suite and print its figures as JSON.",
            "Suites: simulator, gradients, potential, md, ffi, training.",
            "Results are medians with min-max; the machine's load affects them: run on a quiet machine."
        })
public final class BenchCommand implements Callable<Integer> {

    static {
        // The MD engine lives in this module, which the benchmarks module cannot see.
        // With the committed aspirin QNN (when the checkout has it) the suite also reports md_step_qnn_ms_aspirin.
        BenchRunners.register("md", () -> new FunctionBenchRunner("md", "ms per MD step: integrator overhead and a potential, 21 atoms", 1,
                quick -> {
                    java.nio.file.Path model = java.nio.file.Path.of(System.getProperty("qff.home", "."), "results/rmd17/aspirin/revised/N1000/model.json");
                    return java.nio.file.Files.isRegularFile(model)
                            ? org.qff.md.bench.MdBenchmarks.run(quick, null, model.toString())
                            : org.qff.md.bench.MdBenchmarks.run(quick, null);
                }));
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "the suite: simulator, gradients, potential, md, ffi, training")
    String name;

    @Option(names = "--quick", description = "the reduced set (under about two minutes)")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures to FILE (atomically)")
    Path json;

    @Override
    public Integer call() throws Exception {
        BenchRunner runner = BenchRunners.get(name);
        if (json != null && json.getParent() != null && !json.toAbsolutePath().getParent().toFile().isDirectory()) {
            throw new IllegalArgumentException("--json " + json + ": directory " + json.toAbsolutePath().getParent() + " does not exist");
        }
        Map<String, Object> figures;
        try (Progress progress = Progress.start("bench " + name, runner.steps(quick))) {
            figures = runner.run(quick, (done, total, message) -> progress.stepTo(done, message));
        } catch (Exception e) {
            if (String.valueOf(e.getMessage()).contains("JMH lock")) {
                throw new IllegalStateException("another JMH benchmark holds /tmp/jmh.lock on this machine: wait for it, or run with"
                        + " QFF_JAVA_OPTS=-Djmh.ignoreLock=true (both runs' figures will then be noisier)", e);
            }
            throw e;
        }
        System.out.println(JsonOut.write(figures));
        if (json != null) {
            JsonOut.writeFile(json, figures);
            System.err.println("wrote " + json);
        }
        return 0;
    }
}
