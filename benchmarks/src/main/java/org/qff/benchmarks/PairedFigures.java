package org.qff.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Per-iteration figures of a JMH run whose method records
 * {@link org.qff.benchmarks.simulator.PairedTimes}: the time per operation and the time of the
 * sweep run right after it, as median / min / max over the measurement iterations, and the median
 * of their ratio. A ratio is formed within an iteration (the same second of the same fork), then
 * the median taken.
 */
final class PairedFigures {
    private final double[] opNs, sweepNs, ratio;

    private PairedFigures(double[] opNs, double[] sweepNs) {
        this.opNs = opNs;
        this.sweepNs = sweepNs;
        this.ratio = new double[opNs.length];
        for (int i = 0; i < opNs.length; i++) ratio[i] = opNs[i] / sweepNs[i];
    }

    /**
     * From a run's iterations; {@code opsPerCall} divides the op's time (the layered circuit's
     * {@code @OperationsPerInvocation}), not the sweep's.
     */
    static PairedFigures of(RunResult r, int opsPerCall) {
        int count = 0;
        for (BenchmarkResult b : r.getBenchmarkResults()) count += b.getIterationResults().size();
        double[] op = new double[count], sweep = new double[count];
        int i = 0;
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult it : b.getIterationResults()) {
                Map<String, Result> sec = it.getSecondaryResults();
                double pairs = score(sec, "pairs", r);
                op[i] = score(sec, "opNs", r) / pairs / opsPerCall;
                sweep[i] = score(sec, "sweepNs", r) / pairs;
                i++;
            }
        }
        return of(op, sweep);
    }

    /** From per-iteration nanoseconds per operation and per sweep (same length, all positive). */
    static PairedFigures of(double[] opNs, double[] sweepNs) {
        if (opNs.length == 0 || opNs.length != sweepNs.length) {
            throw new IllegalArgumentException(opNs.length + " op and " + sweepNs.length + " sweep iterations: need the same number, at least one");
        }
        for (int i = 0; i < opNs.length; i++) {
            if (!(opNs[i] > 0) || !(sweepNs[i] > 0)) {
                throw new IllegalArgumentException("iteration " + i + " timed " + opNs[i] + " ns for the op and " + sweepNs[i] + " ns for the sweep");
            }
        }
        return new PairedFigures(opNs.clone(), sweepNs.clone());
    }

    private static double score(Map<String, Result> sec, String name, RunResult r) {
        Result x = sec.get(name);
        if (x == null) throw new IllegalStateException(r.getParams().getBenchmark() + " recorded no '" + name + "' (not a PairedTimes method)");
        return x.getScore();
    }

    /** Median over iterations of (op time / sweep time), each pair from one iteration. */
    double medianRatio() {
        return median(ratio);
    }

    /** Median op time, in the unit that {@code nsPerUnit} nanoseconds make. */
    double medianOp(double nsPerUnit) {
        return median(opNs) / nsPerUnit;
    }

    Map<String, Object> opFigures(String unit, double nsPerUnit) {
        return figures(opNs, unit, nsPerUnit);
    }

    Map<String, Object> sweepFigures(String unit, double nsPerUnit) {
        return figures(sweepNs, unit, nsPerUnit);
    }

    private static Map<String, Object> figures(double[] v, String unit, double scale) {
        double[] s = v.clone();
        Arrays.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", median(v) / scale);
        m.put("min", s[0] / scale);
        m.put("max", s[s.length - 1] / scale);
        m.put("unit", unit);
        m.put("samples", s.length);
        return m;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
