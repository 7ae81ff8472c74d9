package org.qff.qnn.data;

import java.util.Random;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/**
 * Datasets labelled by a potential, e.g. a classical reference one: for training tests with a
 * known answer, independent of rMD17.
 */
public final class SyntheticData {
    private SyntheticData() {}

    /** Energies and forces of the given frames (all the same atoms) under {@code potential}. */
    public static Dataset label(Potential potential, Structure[] frames, String name) {
        if (frames.length == 0) throw new IllegalArgumentException("no frames to label for " + name);
        int[] z = frames[0].atomicNumbers();
        double[][] pos = new double[frames.length][];
        double[][] frc = new double[frames.length][];
        double[] en = new double[frames.length];
        for (int k = 0; k < frames.length; k++) {
            if (!java.util.Arrays.equals(z, frames[k].atomicNumbers())) {
                throw new IllegalArgumentException(name + ": frame " + k + " has other atoms than frame 0");
            }
            pos[k] = frames[k].positions();
            frc[k] = new double[3 * z.length];
            en[k] = potential.compute(frames[k], frc[k], null);
        }
        return Dataset.adopt(name, z, pos, en, frc);
    }

    /**
     * {@code count} copies of {@code reference} with every coordinate displaced by a Gaussian of
     * standard deviation {@code sigma} Å (seeded), labelled by {@code potential}.
     */
    public static Dataset perturbed(Potential potential, Structure reference, int count, double sigma, long seed) {
        if (count < 1) throw new IllegalArgumentException("need at least one frame, got " + count);
        if (!(sigma >= 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("displacement sigma must be finite and non-negative, got " + sigma);
        Random rnd = new Random(seed);
        Structure[] frames = new Structure[count];
        double[] p = reference.positions();
        for (int k = 0; k < count; k++) {
            double[] q = p.clone();
            for (int c = 0; c < q.length; c++) q[c] += sigma * rnd.nextGaussian();
            frames[k] = reference.withPositions(q);
        }
        return label(potential, frames, potential.name() + " around " + reference.formula() + " (" + count + " frames, σ = " + sigma + " Å, seed " + seed + ")");
    }
}
