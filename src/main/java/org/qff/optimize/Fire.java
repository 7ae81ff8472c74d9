package org.qff.optimize;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/**
 * FIRE, the fast inertial relaxation engine (Bitzek et al., PRL 97, 170201 (2006)), with the
 * parameters of ASE's implementation: unit masses, dt 0.1 → at most 1.0, N_min 5, f_inc 1.1,
 * f_dec 0.5, α 0.1 × 0.99, and no atom moving more than 0.2 Å per step.
 */
public final class Fire implements Optimizer {
    private static final double DT_START = 0.1;
    private static final double DT_MAX = 1.0;
    private static final int N_MIN = 5;
    private static final double F_INC = 1.1;
    private static final double F_DEC = 0.5;
    private static final double ALPHA_START = 0.1;
    private static final double F_ALPHA = 0.99;
    private static final double MAX_MOVE = 0.2;

    @Override
    public OptimizationResult minimize(Structure start, Potential potential, double fmax, int maxSteps, StepListener listener) {
        Optimizer.checkArguments(potential, start, fmax, maxSteps);
        int n3 = 3 * start.size();
        double[] x = start.positions();
        double[] v = new double[n3];
        double[] f = new double[n3];
        double[] energies = new double[maxSteps + 1];
        Structure s = start;
        energies[0] = potential.compute(s, f, null);
        double dt = DT_START, alpha = ALPHA_START;
        int sinceNegative = 0;
        int step = 0;
        double fm = Optimizer.maxComponent(f);
        while (fm > fmax && step < maxSteps) {
            double vf = 0, vv = 0, ff = 0;
            for (int k = 0; k < n3; k++) {
                vf += v[k] * f[k];
                vv += v[k] * v[k];
                ff += f[k] * f[k];
            }
            if (vf > 0) {
                double mix = alpha * Math.sqrt(vv / ff);
                for (int k = 0; k < n3; k++) v[k] = (1 - alpha) * v[k] + mix * f[k];
                if (++sinceNegative > N_MIN) {
                    dt = Math.min(dt * F_INC, DT_MAX);
                    alpha *= F_ALPHA;
                }
            } else {
                java.util.Arrays.fill(v, 0.0);
                dt *= F_DEC;
                alpha = ALPHA_START;
                sinceNegative = 0;
            }
            // Euler step as in ASE: v += dt F, dx = dt v, limited in length
            for (int k = 0; k < n3; k++) v[k] += dt * f[k];
            double norm = 0;
            for (int k = 0; k < n3; k++) norm += (dt * v[k]) * (dt * v[k]);
            norm = Math.sqrt(norm);
            double scale = norm > MAX_MOVE ? MAX_MOVE / norm : 1.0;
            for (int k = 0; k < n3; k++) x[k] += scale * dt * v[k];
            s = start.withPositions(x);
            step++;
            energies[step] = potential.compute(s, f, null);
            fm = Optimizer.maxComponent(f);
            if (listener != null) listener.stepped(step, energies[step], fm);
        }
        return new OptimizationResult(fm <= fmax, step, java.util.Arrays.copyOf(energies, step + 1), s, f, fm);
    }

    @Override
    public String name() { return "fire"; }
}
