package org.qff.md.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.qff.md.Ensemble;
import org.qff.md.Instability;
import org.qff.md.MdSettings;
import org.qff.md.MdSimulation;
import org.qff.md.StabilityMonitor;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/**
 * A stability campaign: M independent Nosé–Hoover NVT trajectories (seeds seed, seed+1, …) at each
 * of several temperatures, run in parallel from the same structure with the same potential, each
 * watched by the stability monitor. Failed runs leave {@code T<K>_run<i>_last_good.xyz} in the
 * output directory.
 */
public final class Campaign {

    /** What to run. */
    public record Plan(double[] temperaturesK, int trajectories, double timestepFs, long steps, long seed, int every, double tauFs,
            int chainLength, StabilityMonitor.Limits limits) {
        public Plan {
            if (temperaturesK.length == 0) throw new IllegalArgumentException("at least one temperature is needed");
            for (double t : temperaturesK) {
                if (!(t > 0) || !Double.isFinite(t)) throw new IllegalArgumentException("temperature must be a positive number of K, got " + t);
            }
            if (trajectories < 1) throw new IllegalArgumentException("trajectories per temperature must be >= 1, got " + trajectories);
            if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            temperaturesK = temperaturesK.clone();
        }

        MdSettings settings(double temperature, long runSeed) {
            return new MdSettings(Ensemble.NVT, timestepFs, temperature, tauFs, chainLength, runSeed, every, Integer.MAX_VALUE, limits);
        }
    }

    /** One trajectory's outcome: null failure when it survived. */
    public record Run(double temperatureK, int index, long seed, Instability failure, TraceRecorder.Trace trace) {
        public boolean survived() { return failure == null; }
    }

    /**
     * Runs the plan on {@code threads} threads. Checks every run's settings and the potential's
     * coverage before starting any.
     *
     * @param progress told the total number of steps done so far (from worker threads)
     */
    public static List<Run> run(Structure structure, Potential potential, Plan plan, Path outDir, int threads, LongConsumer progress)
            throws Exception {
        potential.checkCovers(structure);
        List<double[]> jobs = new ArrayList<>();
        for (double t : plan.temperaturesK()) {
            for (int i = 0; i < plan.trajectories(); i++) jobs.add(new double[] {t, i});
        }
        // validate all before any work: a bad setting fails here, not half-way through
        for (double[] j : jobs) plan.settings(j[0], plan.seed() + (long) j[1]);
        MdSimulation.start(structure, potential, plan.settings(plan.temperaturesK()[0], plan.seed()));
        Files.createDirectories(outDir);
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, jobs.size())));
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (double[] j : jobs) {
                double t = j[0];
                int i = (int) j[1];
                long seed = plan.seed() + i;
                futures.add(pool.submit(() -> {
                    MdSimulation sim = MdSimulation.start(structure, potential, plan.settings(t, seed));
                    TraceRecorder rec = new TraceRecorder(outDir.resolve(String.format("T%s_run%d_last_good.xyz", fmt(t), i)));
                    long[] last = {0};
                    Instability bad = sim.run(plan.steps(), rec, s -> {
                        long step = s.system().step;
                        if (step % 200 == 0) {
                            progress.accept(done.addAndGet(step - last[0]));
                            last[0] = step;
                        }
                    });
                    // a failed run counts its remaining steps as done for the progress total
                    progress.accept(done.addAndGet(plan.steps() - last[0]));
                    return new Run(t, i, seed, bad, rec.trace());
                }));
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) {
                try {
                    runs.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Exception ex) throw ex;
                    throw e;
                }
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    static String fmt(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
    }
}
