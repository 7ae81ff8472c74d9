package org.qff.bench.ffi;

import org.qff.qnn.atoms.Structure;

import java.util.Random;

/** The benchmark system: 21 argon atoms on a jittered 3.8 Å grid (a 21-atom molecule's size). */
final class Argon21 {
    private Argon21() {}

    static Structure structure() {
        Random rng = new Random(7);
        int n = 21;
        int[] z = new int[n];
        double[] r = new double[3 * n];
        for (int a = 0; a < n; a++) {
            z[a] = 18;
            r[3 * a] = 3.8 * (a / 9) + 0.05 * rng.nextGaussian();
            r[3 * a + 1] = 3.8 * ((a / 3) % 3) + 0.05 * rng.nextGaussian();
            r[3 * a + 2] = 3.8 * (a % 3) + 0.05 * rng.nextGaussian();
        }
        return new Structure(z, r);
    }
}
