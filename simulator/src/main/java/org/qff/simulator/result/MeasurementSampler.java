package org.qff.simulator.result;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.qff.simulator.StateVector;

/**
 * Seeded sampling of computational-basis measurements of all qubits. The same seed gives the
 * same counts. Draws all uniforms first, sorts them, and walks the state once accumulating
 * probabilities: O(2^n + shots·log shots) time and no 2^n-sized cumulative table, so it works on
 * states of any size.
 */
public final class MeasurementSampler {
    private MeasurementSampler() {}

    /** The largest shot count accepted (the uniforms are held in one array). */
    public static final int MAX_SHOTS = 100_000_000;

    public static Counts sample(StateVector s, int shots, long seed) {
        if (shots < 1 || shots > MAX_SHOTS) throw new IllegalArgumentException("shot count " + shots + " is outside 1.." + MAX_SHOTS);
        double norm = s.norm2();
        if (!(Math.abs(norm - 1) < 1e-6)) throw new IllegalArgumentException("the state is not normalised (Σ|a|² = " + norm + "), so it cannot be sampled");
        SplittableRandom random = new SplittableRandom(seed);
        double[] u = new double[shots];
        // scaled by the actual norm so rounding never leaves a draw beyond the last amplitude
        for (int i = 0; i < shots; i++) u[i] = random.nextDouble() * norm;
        Arrays.sort(u);
        TreeMap<Long, Long> counts = new TreeMap<>();
        double cumulative = 0;
        int next = 0;
        long last = lastNonZero(s);
        for (long i = 0; i < s.dimension() && next < shots; i++) {
            double r = s.re(i), m = s.im(i);
            double p = r * r + m * m;
            if (p == 0) continue;
            cumulative += p;
            long n = 0;
            while (next < shots && (u[next] < cumulative || i == last)) {
                next++;
                n++;
            }
            if (n > 0) counts.put(i, n);
        }
        return new Counts(s.qubits(), shots, counts);
    }

    private static long lastNonZero(StateVector s) {
        for (long i = s.dimension() - 1; i >= 0; i--) if (s.re(i) != 0 || s.im(i) != 0) return i;
        return 0;
    }
}
