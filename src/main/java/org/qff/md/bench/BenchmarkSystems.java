package org.qff.md.bench;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/** Structures and potentials for the MD step benchmarks. */
public final class BenchmarkSystems {
    private BenchmarkSystems() {}

    /** Aspirin, C9H8O4 (21 atoms): a geometry from rMD17 (first training frame, rounded to 1e-4 Å). */
    public static Structure aspirin() {
        int[] z = {6, 6, 6, 6, 6, 6, 6, 8, 8, 8, 6, 6, 8, 1, 1, 1, 1, 1, 1, 1, 1};
        double[] x = {
            2.0103, -1.1845, -0.0204, 1.2136, 1.2943, -0.6642, 2.9456, -0.4349, -0.7374, 2.4540, 0.7308, -1.2049,
            -2.7976, 2.4646, 0.3983, 0.6429, -0.8233, 0.2878, 0.3398, 0.5249, 0.0070, -1.3817, -1.6188, 1.3941,
            -1.6766, 1.3927, -1.4635, 0.2139, -3.0499, 0.5246, -0.2937, -1.7854, 0.8618, -1.7156, 1.6563, -0.3091,
            -0.8227, 1.1213, 0.5996, -0.1781, -3.7326, 1.0450, 2.3672, -2.0926, 0.4364, 0.9270, 2.2987, -0.9246,
            3.9147, -0.8670, -0.9662, 3.1306, 1.4877, -1.6845, -2.6156, 3.4742, 0.5497, -3.7552, 2.5704, -0.1630,
            -2.7673, 1.9612, 1.4199
        };
        return new Structure(z, x);
    }

    /** 21 argon atoms on a loose 3 × 7 grid at the LJ minimum spacing: an aspirin-sized LJ system. */
    public static Structure argon21() {
        double a = Math.pow(2, 1.0 / 6) * 3.4;
        int[] z = new int[21];
        double[] x = new double[63];
        for (int i = 0; i < 21; i++) {
            z[i] = 18;
            x[3 * i] = a * (i % 3);
            x[3 * i + 1] = a * (i / 3);
        }
        return new Structure(z, x);
    }

    /** Zero energy and forces: what remains is the integrator's own cost. */
    public static final Potential ZERO = new Potential() {
        @Override
        public double compute(Structure s, double[] forces, double[] atomEnergies) {
            if (forces != null) java.util.Arrays.fill(forces, 0.0);
            if (atomEnergies != null) java.util.Arrays.fill(atomEnergies, 0.0);
            return 0;
        }

        @Override
        public boolean covers(int atomicNumber) { return true; }

        @Override
        public String name() { return "zero"; }
    };
}
