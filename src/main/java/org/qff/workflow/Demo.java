package org.qff.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.qff.md.Ensemble;
import org.qff.md.Instability;
import org.qff.md.MdSettings;
import org.qff.md.MdSimulation;
import org.qff.md.RunDirectory;
import org.qff.optimize.OptimizationResult;
import org.qff.optimize.Optimizer;
import org.qff.plot.Plots;
import org.qff.qnn.atoms.Molecules;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.data.Splits;
import org.qff.qnn.io.AtomicFiles;
import org.qff.qnn.io.ExtXyz;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;
import org.qff.qnn.train.Trainer;
import org.qff.qnn.train.TrainerConfig;

/**
 * The main job end to end: data → a small revised QNN → test errors beside published figures →
 * NVT MD at 300 K → geometry optimisation → a Markdown report linking every file.
 */
public final class Demo {

    /** What the demo does at full size and in --quick mode. */
    public record Plan(int nTrain, int nValidation, int epochs, int nTest, int mdSteps, double timestepFs) {
        /** 950 + 50 frames (the common protocol), up to 150 epochs with early stopping, 1000 test frames, 1 ps of MD: 30 s on 2 idle cores (measured). */
        public static final Plan FULL = new Plan(950, 50, 150, 1000, 2000, 0.5);
        /** Under 2 minutes: for CI and a first look. */
        public static final Plan QUICK = new Plan(190, 10, 15, 200, 400, 0.5);
    }

    /** Figures the caller (and the CI test) checks. */
    public record Summary(boolean syntheticData, double energyMaeMeV, double forceMaeMeVPerA, boolean mdCompleted, boolean optimizationConverged,
                          double seconds, Path report) {}

    private final Plan plan;
    private final Path out;
    private final long seed;
    private final String molecule;
    private final Path dataRoot;
    private final Consumer<String> say;

    public Demo(Plan plan, Path out, long seed, String molecule, Path dataRoot, Consumer<String> say) {
        this.plan = plan;
        this.out = out;
        this.seed = seed;
        this.molecule = molecule;
        this.dataRoot = dataRoot;
        this.say = say;
    }

    public Summary run(Trainer.Listener trainingProgress, MdSimulation.StepListener mdProgress) throws IOException {
        long t0 = System.nanoTime();
        OutputDirectory.prepare(out);

        say.accept("[1/5] data");
        Dataset train, test;
        boolean synthetic = false;
        String source;
        Path trainFile = dataRoot.resolve("rmd17").resolve(Rmd17.splitFileName(molecule, Rmd17.Part.TRAIN, 1));
        if (Files.isRegularFile(trainFile)) {
            Dataset all = Rmd17.load(dataRoot, molecule, Rmd17.Part.TRAIN, 1);
            Splits.TrainValidation tv = Splits.trainValidation(all, plan.nTrain(), plan.nValidation(), seed);
            train = tv.train();
            Dataset validation = tv.validation();
            test = Splits.sample(Rmd17.load(dataRoot, molecule, Rmd17.Part.TEST, 1), plan.nTest(), seed);
            source = "rMD17 " + molecule + " (train_01: " + plan.nTrain() + " + " + plan.nValidation() + " validation frames; test_01: " + plan.nTest() + " frames)";
            return finish(t0, train, validation, test, false, source, trainingProgress, mdProgress);
        }
        say.accept("rMD17 " + molecule + " not found under " + dataRoot.resolve("rmd17") + "; get it with: qff data fetch rmd17 --molecules " + molecule);
        if (!molecule.equals("ethanol")) {
            throw new IllegalArgumentException("no rMD17 data for " + molecule + " and the offline fallback exists for ethanol only");
        }
        say.accept("falling back to a SYNTHETIC dataset: Langevin MD at 500 K with the built-in classical potential bonded-ethanol (not rMD17)");
        synthetic = true;
        Potential classical = Potentials.load("bonded-ethanol");
        Dataset all = MdSampledData.sample("synthetic ethanol (bonded-ethanol, 500 K)", Molecules.ethanol(), classical, 500,
                plan.nTrain() + plan.nValidation() + plan.nTest(), 20, seed);
        int[] trainIdx = range(0, plan.nTrain()), valIdx = range(plan.nTrain(), plan.nTrain() + plan.nValidation());
        int[] testIdx = range(plan.nTrain() + plan.nValidation(), all.size());
        source = "synthetic ethanol: " + all.size() + " frames of Langevin MD at 500 K with the classical potential bonded-ethanol";
        return finish(t0, all.subset(trainIdx, "train"), all.subset(valIdx, "validation"), all.subset(testIdx, "test"), synthetic, source,
                trainingProgress, mdProgress);
    }

    private Summary finish(long t0, Dataset train, Dataset validation, Dataset test, boolean synthetic, String source,
                           Trainer.Listener trainingProgress, MdSimulation.StepListener mdProgress) throws IOException {
        say.accept("[2/5] training a revised QNN on " + train.size() + " frames (" + plan.epochs() + " epochs)");
        TrainerConfig config = TrainerConfig.defaults(plan.epochs(), seed);
        Fitting.Fitted fitted = Fitting.fit("revised", null, train, validation, config, out.resolve("training"), false, trainingProgress);
        Potential model = fitted.potential();

        say.accept("[3/5] evaluating on " + test.size() + " test frames");
        Path evalDir = out.resolve("evaluation");
        EvaluationResult eval = Evaluation.run(model, test, synthetic ? "synthetic-ethanol" : molecule, 1, train.size() + validation.size(),
                out.relativize(fitted.modelFile()).toString(), evalDir);
        eval.writeJson(evalDir.resolve("evaluation.json"));
        say.accept(eval.markdownTable());

        say.accept(String.format(Locale.ROOT, "[4/5] NVT MD at 300 K: %d steps of %.2f fs (%.2f ps)", plan.mdSteps(), plan.timestepFs(),
                plan.mdSteps() * plan.timestepFs() / 1000));
        Path mdDir = out.resolve("md");
        MdSimulation sim = MdSimulation.start(test.structure(0), model, MdSettings.of(Ensemble.NVT, plan.timestepFs(), 300, seed));
        Instability bad;
        long mdStart = System.nanoTime();
        RunDirectory dir = RunDirectory.create(mdDir);
        try {
            bad = sim.run(plan.mdSteps(), dir, mdProgress);
        } finally {
            dir.close();
        }
        double msPerStep = (System.nanoTime() - mdStart) * 1e-6 / Math.max(1, sim.system().step);
        if (bad != null) say.accept("MD stopped by the stability monitor: " + bad.message());
        plotThermo(mdDir);

        say.accept("[5/5] geometry optimisation (L-BFGS to 1 kcal/mol/Å)");
        OptimizationResult opt = Optimizer.named("lbfgs").minimize(test.structure(0), model, Optimizer.DEFAULT_FMAX, 200);
        AtomicFiles.writeString(out.resolve("optimized.xyz"), ExtXyz.format(new ExtXyz.Frame(opt.structure(), opt.energy(), opt.forces(), null, null)));

        double seconds = (System.nanoTime() - t0) * 1e-9;
        Path report = out.resolve("report.md");
        AtomicFiles.writeString(report, report(source, synthetic, fitted, eval, sim, bad, msPerStep, opt, seconds));
        return new Summary(synthetic, eval.metrics().energyMaeMeV(), eval.metrics().forceMaeMeVPerA(), bad == null, opt.converged(), seconds, report);
    }

    private String report(String source, boolean synthetic, Fitting.Fitted fitted, EvaluationResult eval, MdSimulation sim, Instability bad,
                          double msPerStep, OptimizationResult opt, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("# qff demo report\n\n");
        sb.append("Data: ").append(source).append(".\n");
        if (synthetic) sb.append("\n**The data are synthetic** (no rMD17 found): errors are against a classical potential, not DFT, and not comparable to the published figures.\n");
        sb.append(String.format(Locale.ROOT, "%nModel: %s, trained in %.1f s; seed %d. File: [training/model.json](training/model.json); "
                + "per-epoch log: [training/train_log.csv](training/train_log.csv).%n%n", fitted.description(), fitted.trainSeconds(), seed));
        sb.append("![training curve](training/training_curve.png)\n\n");
        sb.append("## Test errors\n\n").append(eval.markdownTable()).append('\n');
        sb.append("![energy parity](evaluation/energy_parity.png) ![force parity](evaluation/force_parity.png)\n\n");
        sb.append("## Molecular dynamics (NVT, Nosé–Hoover chain, 300 K)\n\n");
        if (bad == null) {
            sb.append(String.format(Locale.ROOT, "Completed %d steps (%.2f ps) at %.2f ms/step; final temperature %.1f K. ", sim.system().step,
                    sim.timeFs() / 1000, msPerStep, sim.system().temperature()));
        } else {
            sb.append("**Stopped by the stability monitor**: ").append(bad.message()).append(". The last good frame is in md/last_good.xyz. ");
        }
        sb.append("Trajectory: [md/trajectory.xyz](md/trajectory.xyz) (extended XYZ, readable by ASE); thermo log: [md/thermo.csv](md/thermo.csv).\n\n");
        sb.append("![temperature](md/temperature.png) ![energy](md/energy.png)\n\n");
        sb.append("## Geometry optimisation (L-BFGS)\n\n");
        sb.append(String.format(Locale.ROOT, "%s after %d steps: energy %.6f eV, largest force component %.4f eV/Å (target %.4f). Geometry: "
                + "[optimized.xyz](optimized.xyz).%n%n", opt.converged() ? "Converged" : "Not converged", opt.steps(), opt.energy(), opt.fmax(),
                Optimizer.DEFAULT_FMAX));
        sb.append(String.format(Locale.ROOT, "Total time: %.1f s.%n", seconds));
        return sb.toString();
    }

    /** Temperature and energy traces from the MD run's thermo.csv. */
    static void plotThermo(Path mdDir) throws IOException {
        List<String> lines = Files.readAllLines(mdDir.resolve(RunDirectory.THERMO));
        List<double[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank()) continue;
            String[] c = l.split(",");
            rows.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[3]), Double.parseDouble(c[4])});
        }
        if (rows.size() < 2) return;
        double[] t = new double[rows.size()], pot = new double[rows.size()], cons = new double[rows.size()], temp = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            t[i] = rows.get(i)[0];
            pot[i] = rows.get(i)[1] - rows.get(0)[1];
            cons[i] = rows.get(i)[2] - rows.get(0)[2];
            temp[i] = rows.get(i)[3];
        }
        Plots.lines(mdDir.resolve("temperature.png"), "Temperature", "time (fs)", "T (K)", List.of(new Plots.Series("T", t, temp)), false, false);
        Plots.lines(mdDir.resolve("energy.png"), "Energies relative to the start", "time (fs)", "eV",
                List.of(new Plots.Series("potential", t, pot), new Plots.Series("conserved (NHC)", t, cons)), false, false);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
