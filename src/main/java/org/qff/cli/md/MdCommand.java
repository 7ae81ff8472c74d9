package org.qff.cli.md;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qff.cli.Progress;
import org.qff.md.Ensemble;
import org.qff.md.Instability;
import org.qff.md.MdSettings;
import org.qff.md.MdSimulation;
import org.qff.md.RunDirectory;
import org.qff.md.StabilityMonitor;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qff md}: one molecular-dynamics run. Exit 0 when it completes, 2 for bad input, 3 when the monitor stops it. */
@Command(name = "md", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Molecular dynamics (NVE velocity Verlet, NVT Nose-Hoover chain, Langevin BAOAB).",
            "Writes DIR/trajectory.xyz (extended XYZ), DIR/thermo.csv and DIR/restart.bin; stops with exit code 3 and",
            "DIR/last_good.xyz when the run becomes unstable. Units: fs, K, A, eV."})
public final class MdCommand implements Callable<Integer> {
    /** Exit code when the stability monitor stops a run. */
    public static final int EXIT_UNSTABLE = 3;

    @Option(names = "--model", required = true, description = "built-in potential name or model file (JSON)")
    String model;

    @Option(names = "--structure", description = "starting structure (extended XYZ; first frame); not needed with --restart")
    Path structure;

    @Option(names = "--ensemble", description = "nve, nvt (Nose-Hoover chain) or langevin")
    String ensemble;

    @Option(names = "--temperature", description = "K: initial velocities and thermostat target")
    Double temperature;

    @Option(names = "--timestep", description = "fs")
    Double timestep;

    @Option(names = "--steps", required = true, description = "run until this step number (with --restart: total, counting the steps already done)")
    long steps;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--seed", description = "random seed for velocities and Langevin noise (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--restart", description = "continue from this restart file (bit-identical to an uninterrupted run)")
    Path restart;

    @Option(names = "--every", description = "write a frame and a thermo row every N steps (default ${DEFAULT-VALUE})", defaultValue = "10")
    int every;

    @Option(names = "--restart-every", description = "write the restart file every N steps and at the end (default ${DEFAULT-VALUE})",
            defaultValue = "10000")
    int restartEvery;

    @Option(names = "--tau", description = "thermostat time constant, fs (default ${DEFAULT-VALUE})", defaultValue = "100")
    double tau;

    @Option(names = "--chain", description = "Nose-Hoover chain length (default ${DEFAULT-VALUE})", defaultValue = "3")
    int chain;

    @Option(names = "--bond-stretch", description = "stop when a bond exceeds this factor of its starting length (default ${DEFAULT-VALUE})",
            defaultValue = "2.0")
    double bondStretch;

    @Option(names = "--min-distance", description = "stop when two atoms come closer than this, A (default ${DEFAULT-VALUE})", defaultValue = "0.5")
    double minDistance;

    @Option(names = "--max-drift", description = "stop when the conserved energy drifts more than this, eV/atom (NVE, NVT; default ${DEFAULT-VALUE})",
            defaultValue = "0.05")
    double maxDrift;

    @Override
    public Integer call() throws Exception {
        if (steps < 0) throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        MdSimulation sim = restart != null ? resume() : start();
        RunDirectory dir = restart != null
                ? RunDirectory.resume(out, sim.system().step, sim.settings().timestepFs())
                : RunDirectory.create(out);
        MdSettings st = sim.settings();
        System.out.printf("qff md: %s, %d atoms, %s, dt %s fs, T %s K, N_f %d, %d bonds watched, from step %d to %d%n",
                sim.system().potential().name(), sim.system().size(), st.ensemble().cliName(), st.timestepFs(), st.temperatureK(),
                sim.system().degreesOfFreedom(), sim.monitor().bondCount(), sim.system().step, steps);
        Instability bad;
        long first = sim.system().step;
        long t0 = System.nanoTime();
        try (Progress progress = Progress.start("md", Math.max(1, steps - first))) {
            long stride = Math.max(1, Math.min(100, (steps - first) / 200));
            bad = sim.run(steps, dir, s -> {
                long done = s.system().step - first;
                if (done % stride == 0) progress.stepTo(done, speed(s, done, System.nanoTime() - t0));
            });
        } finally {
            dir.close();
        }
        if (bad != null) {
            System.err.println("qff md: " + bad.message());
            System.err.println("qff md: last good frame (step " + (bad.step() - 1) + ") written to " + out.resolve(RunDirectory.LAST_GOOD));
            return EXIT_UNSTABLE;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        System.out.printf("qff md: done at step %d (%s), T %.2f K, conserved %.8f eV (drift %.3g eV); %.3f ms/step%n", sim.system().step,
                Inputs.simulatedTime(sim.timeFs()), sim.system().temperature(), sim.conservedEnergy(),
                sim.conservedEnergy() - sim.monitor().referenceEnergy(), steps > first ? 1e3 * seconds / (steps - first) : 0.0);
        System.out.println("qff md: wrote " + out.resolve(RunDirectory.TRAJECTORY) + ", " + out.resolve(RunDirectory.THERMO) + ", "
                + out.resolve(RunDirectory.RESTART));
        return 0;
    }

    private static String speed(MdSimulation s, long done, long nanos) {
        double msPerStep = nanos * 1e-6 / Math.max(1, done);
        double nsPerDay = s.settings().timestepFs() * 1e-6 / (msPerStep * 1e-3) * 86400;
        return String.format("t=%s %.3g ns/day %.3g ms/step T=%.0f K", Inputs.simulatedTime(s.timeFs()), nsPerDay, msPerStep,
                s.system().temperature());
    }

    private MdSimulation start() throws Exception {
        if (ensemble == null) throw new IllegalArgumentException("--ensemble nve|nvt|langevin is required");
        if (temperature == null) throw new IllegalArgumentException("--temperature K is required");
        if (timestep == null) throw new IllegalArgumentException("--timestep FS is required");
        Ensemble e = Ensemble.parse(ensemble);
        Inputs.positive("--temperature", temperature, "K");
        Inputs.positive("--timestep", timestep, "fs");
        MdSettings settings = new MdSettings(e, timestep, temperature, tau, chain, seed, every, restartEvery,
                new StabilityMonitor.Limits(bondStretch, minDistance, maxDrift));
        Structure s = Inputs.structure(structure);
        Potential p = Inputs.model(model, s);
        return MdSimulation.start(s, p, settings);
    }

    private MdSimulation resume() throws Exception {
        Structure s = structure != null ? Inputs.structure(structure) : null;
        Potential p = Inputs.model(model, s);
        MdSimulation sim = MdSimulation.resume(restart, p);
        MdSettings st = sim.settings();
        // a restart continues the stored run exactly; options that would change it are refused
        if (ensemble != null && Ensemble.parse(ensemble) != st.ensemble()) mismatch("--ensemble", ensemble, st.ensemble().cliName());
        if (temperature != null && temperature != st.temperatureK()) mismatch("--temperature", temperature, st.temperatureK());
        if (timestep != null && timestep != st.timestepFs()) mismatch("--timestep", timestep, st.timestepFs());
        if (s != null && s.size() != sim.system().size()) mismatch("--structure atom count", s.size(), sim.system().size());
        if (steps < sim.system().step) {
            throw new IllegalArgumentException("--steps " + steps + " is before the restart's step " + sim.system().step
                    + " (--steps counts the total, including the steps already done)");
        }
        return sim;
    }

    private void mismatch(String option, Object given, Object stored) {
        throw new IllegalArgumentException(option + " " + given + " differs from the restart file's " + stored + " (" + restart + ")");
    }
}
