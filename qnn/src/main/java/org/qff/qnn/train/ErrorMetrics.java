package org.qff.qnn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.Potential;

/**
 * Energy and force errors of a potential on labelled frames: mean absolute and mean squared
 * errors in eV and eV/Å (with RMSE, meV and kcal/mol views). Force errors are over all Cartesian
 * components. The one implementation behind `qff evaluate` and the trainer's validation.
 *
 * <p>Deterministic in any thread count: each frame's errors are summed on their own, then the
 * frames are added in order.
 */
public record ErrorMetrics(int frames, double energyMae, double energyMse, double forceMae, double forceMse) {

    public double energyRmse() { return Math.sqrt(energyMse); }
    public double forceRmse() { return Math.sqrt(forceMse); }
    public double energyMaeMeV() { return energyMae / Units.MEV; }
    public double energyRmseMeV() { return energyRmse() / Units.MEV; }
    public double forceMaeMeVPerA() { return forceMae / Units.MEV; }
    public double forceRmseMeVPerA() { return forceRmse() / Units.MEV; }
    public double energyMaeKcal() { return energyMae / Units.KCAL_PER_MOL; }
    public double forceMaeKcal() { return forceMae / Units.KCAL_PER_MOL; }

    /** Evaluates the potential on every frame; {@code predictions} receives (E, F) per frame when non-null. */
    public static ErrorMetrics evaluate(Potential p, List<TrainingFrame> frames, Predictions predictions) {
        return evaluate(p, frames, predictions, null);
    }

    /**
     * As {@link #evaluate(Potential, List, Predictions)}, frames spread over {@code pool} when it is
     * non-null (then {@code predictions} may be called from several threads, each with its own frame).
     */
    public static ErrorMetrics evaluate(Potential p, List<TrainingFrame> frames, Predictions predictions, ExecutorService pool) {
        int n = frames.size();
        if (n == 0) throw new IllegalArgumentException("no frames to evaluate");
        double[] eAbs = new double[n], eSq = new double[n], fAbs = new double[n], fSq = new double[n];
        int[] components = new int[n];
        List<Runnable> work = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final int k = i;
            work.add(() -> {
                TrainingFrame fr = frames.get(k);
                double[] f = new double[fr.forces().length];
                double e = p.compute(fr.structure(), f, null);
                if (!Double.isFinite(e)) throw new IllegalStateException("potential " + p.name() + " returned a non-finite energy for frame " + k);
                double de = e - fr.energy();
                eAbs[k] = Math.abs(de);
                eSq[k] = de * de;
                for (int c = 0; c < f.length; c++) {
                    double df = f[c] - fr.forces()[c];
                    fAbs[k] += Math.abs(df);
                    fSq[k] += df * df;
                }
                components[k] = f.length;
                if (predictions != null) predictions.accept(k, e, f);
            });
        }
        run(work, pool);
        double ea = 0, es = 0, fa = 0, fs = 0;
        long count = 0;
        for (int i = 0; i < n; i++) {
            ea += eAbs[i];
            es += eSq[i];
            fa += fAbs[i];
            fs += fSq[i];
            count += components[i];
        }
        return new ErrorMetrics(n, ea / n, es / n, fa / count, fs / count);
    }

    private static void run(List<Runnable> work, ExecutorService pool) {
        if (pool == null) {
            for (Runnable r : work) r.run();
            return;
        }
        List<Future<?>> futures = new ArrayList<>(work.size());
        for (Runnable r : work) futures.add(pool.submit(r));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Receives each frame's predicted energy and forces. */
    @FunctionalInterface
    public interface Predictions {
        void accept(int frame, double energy, double[] forces);
    }
}
