package org.qff.cli.demo;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qff.cli.Progress;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.train.EpochRecord;
import org.qff.workflow.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `qff demo`: the main job end to end on defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train a small revised QNN on rMD17 ethanol, evaluate it, run MD and optimise: the main job end to end.",
                "Evaluates against published results, runs 1 ps of NVT MD at 300 K,",
                "optimise the geometry, and write plots, trajectory and a Markdown report under --out.",
                "Without rMD17 data it says so and falls back to a synthetic dataset from a classical potential."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "qff-demo", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "fixes data split, weights and MD velocities (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--molecule", defaultValue = "ethanol", description = "rMD17 molecule (default: ${DEFAULT-VALUE})")
    String molecule;

    @Option(names = "--data", description = "directory holding rmd17/ (default: $QFF_DATA or ./data)")
    Path data;

    @Option(names = "--quick", description = "a cut-down run (under 2 minutes): fewer frames, epochs and MD steps")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        Demo.Plan plan = quick ? Demo.Plan.QUICK : Demo.Plan.FULL;
        Demo demo = new Demo(plan, out, seed, molecule, data != null ? data : Rmd17.defaultDataRoot(), System.out::println);
        Demo.Summary s;
        try (Progress train = Progress.start("train", plan.epochs()); Progress md = Progress.start("md", plan.mdSteps())) {
            s = demo.run((EpochRecord r, int total) -> train.stepTo(r.epoch() + 1, String.format(Locale.ROOT, "val E %.1f meV F %.1f meV/Å",
                    r.validationEnergyMae() * 1e3, r.validationForceMae() * 1e3)),
                    sim -> {
                        if (sim.system().step % 20 == 0) md.stepTo(sim.system().step, String.format(Locale.ROOT, "T %.0f K", sim.system().temperature()));
                    });
        }
        System.out.printf(Locale.ROOT, "demo finished in %.1f s: energy MAE %.2f meV, force MAE %.2f meV/Å%s; MD %s; optimisation %s%n", s.seconds(),
                s.energyMaeMeV(), s.forceMaeMeVPerA(), s.syntheticData() ? " (synthetic data)" : "", s.mdCompleted() ? "completed" : "stopped by the monitor",
                s.optimizationConverged() ? "converged" : "did not converge");
        System.out.println("report: " + s.report());
        return 0;
    }
}
