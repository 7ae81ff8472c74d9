package org.qff.optimize;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/**
 * Limited-memory BFGS (Nocedal, Math. Comp. 35, 773 (1980)) with memory 10: the two-loop
 * recursion gives the direction, scaled by γ = sᵀy / yᵀy; the step is capped so no atom moves more
 * than 0.2 Å, then shortened by backtracking until the energy decreases enough (Armijo,
 * c₁ = 10⁻⁴). A non-descent direction or failed line search resets the memory to steepest descent.
 */
public final class Lbfgs implements Optimizer {
    private static final int MEMORY = 10;
    private static final double MAX_MOVE = 0.2;
    /** Inverse-Hessian guess for the first step, Å²/eV (ASE's 1/70). */
    private static final double INITIAL_INVERSE_CURVATURE = 1.0 / 70.0;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 12;

    @Override
    public OptimizationResult minimize(Structure start, Potential potential, double fmax, int maxSteps, StepListener listener) {
        Optimizer.checkArguments(potential, start, fmax, maxSteps);
        int n3 = 3 * start.size();
        double[] x = start.positions();
        double[] g = new double[n3];          // gradient = −F
        double[] f = new double[n3];
        double[][] sHist = new double[MEMORY][n3];
        double[][] yHist = new double[MEMORY][n3];
        double[] rho = new double[MEMORY];
        double[] alphaTmp = new double[MEMORY];
        int stored = 0, head = 0;
        double gamma = INITIAL_INVERSE_CURVATURE;
        double[] energies = new double[maxSteps + 1];
        Structure s = start;
        double e = potential.compute(s, f, null);
        energies[0] = e;
        for (int k = 0; k < n3; k++) g[k] = -f[k];
        double fm = Optimizer.maxComponent(f);
        int evaluations = 0;
        double[] d = new double[n3];
        double[] xNew = new double[n3];
        double[] fNew = new double[n3];
        while (fm > fmax && evaluations < maxSteps) {
            // two-loop recursion: d = −H g
            for (int k = 0; k < n3; k++) d[k] = -g[k];
            for (int m = 0; m < stored; m++) {
                int idx = Math.floorMod(head - 1 - m, MEMORY);
                alphaTmp[idx] = rho[idx] * dot(sHist[idx], d);
                axpy(-alphaTmp[idx], yHist[idx], d);
            }
            for (int k = 0; k < n3; k++) d[k] *= gamma;
            for (int m = stored - 1; m >= 0; m--) {
                int idx = Math.floorMod(head - 1 - m, MEMORY);
                double beta = rho[idx] * dot(yHist[idx], d);
                axpy(alphaTmp[idx] - beta, sHist[idx], d);
            }
            double slope = dot(d, g);
            if (!(slope < 0)) {
                stored = 0;
                gamma = INITIAL_INVERSE_CURVATURE;
                for (int k = 0; k < n3; k++) d[k] = -gamma * g[k];
                slope = dot(d, g);
            }
            double maxMove = 0;
            for (int i = 0; i < n3 / 3; i++) {
                maxMove = Math.max(maxMove, Math.sqrt(d[3 * i] * d[3 * i] + d[3 * i + 1] * d[3 * i + 1] + d[3 * i + 2] * d[3 * i + 2]));
            }
            double t = maxMove > MAX_MOVE ? MAX_MOVE / maxMove : 1.0;
            double eNew = Double.NaN;
            boolean accepted = false;
            for (int bt = 0; bt <= MAX_BACKTRACKS && evaluations < maxSteps; bt++) {
                for (int k = 0; k < n3; k++) xNew[k] = x[k] + t * d[k];
                Structure trial = start.withPositions(xNew);
                try {
                    eNew = potential.compute(trial, fNew, null);
                } catch (IllegalArgumentException refused) {
                    eNew = Double.POSITIVE_INFINITY; // e.g. atoms pushed too close: too long a step, try a shorter one
                }
                evaluations++;
                accepted = eNew <= e + ARMIJO * t * slope;
                energies[evaluations] = accepted ? eNew : e; // the path's energy: a rejected trial does not move it
                if (accepted) {
                    s = trial;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                if (stored == 0) break; // steepest descent cannot lower the energy: at numerical precision
                stored = 0;
                gamma = INITIAL_INVERSE_CURVATURE;
                continue;
            }
            double sy = 0, yy = 0;
            int idx = head;
            for (int k = 0; k < n3; k++) {
                sHist[idx][k] = xNew[k] - x[k];
                yHist[idx][k] = -fNew[k] - g[k];
                sy += sHist[idx][k] * yHist[idx][k];
                yy += yHist[idx][k] * yHist[idx][k];
            }
            if (sy > 1e-12 * Math.sqrt(yy) * Math.sqrt(dot(sHist[idx], sHist[idx]))) {
                rho[idx] = 1.0 / sy;
                gamma = sy / yy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            System.arraycopy(xNew, 0, x, 0, n3);
            System.arraycopy(fNew, 0, f, 0, n3);
            for (int k = 0; k < n3; k++) g[k] = -f[k];
            e = eNew;
            fm = Optimizer.maxComponent(f);
            if (listener != null) listener.stepped(evaluations, e, fm);
        }
        return new OptimizationResult(fm <= fmax, evaluations, java.util.Arrays.copyOf(energies, evaluations + 1), s, f, fm);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int k = 0; k < x.length; k++) y[k] += a * x[k];
    }

    @Override
    public String name() { return "lbfgs"; }
}
