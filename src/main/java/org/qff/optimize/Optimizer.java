package org.qff.optimize;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/**
 * A local geometry optimiser: moves atoms downhill until the largest Cartesian force component
 * is at most {@code fmax} (eV/Å) or {@code maxSteps} force evaluations have been spent.
 */
public interface Optimizer {
    /** 1 kcal/mol/Å in eV/Å, the usual convergence criterion for molecular geometries. */
    double DEFAULT_FMAX = 0.0434;

    OptimizationResult minimize(Structure start, Potential potential, double fmax, int maxSteps, StepListener listener);

    default OptimizationResult minimize(Structure start, Potential potential, double fmax, int maxSteps) {
        return minimize(start, potential, fmax, maxSteps, null);
    }

    String name();

    /** Told after each step: step number, energy (eV), largest force component (eV/Å). */
    @FunctionalInterface
    interface StepListener {
        void stepped(int step, double energy, double fmax);
    }

    /** The optimiser named on the command line. */
    static Optimizer named(String method) {
        return switch (method.toLowerCase(java.util.Locale.ROOT)) {
            case "fire" -> new Fire();
            case "lbfgs", "l-bfgs" -> new Lbfgs();
            default -> throw new IllegalArgumentException("unknown optimisation method \"" + method + "\" (use fire or lbfgs)");
        };
    }

    /** Largest |F_iα| over atoms and Cartesian components. */
    static double maxComponent(double[] forces) {
        double m = 0;
        for (double f : forces) m = Math.max(m, Math.abs(f));
        return m;
    }

    static void checkArguments(Potential potential, Structure start, double fmax, int maxSteps) {
        if (!(fmax > 0) || !Double.isFinite(fmax)) throw new IllegalArgumentException("fmax must be a positive number of eV/Å, got " + fmax);
        if (maxSteps < 1) throw new IllegalArgumentException("the step limit must be >= 1, got " + maxSteps);
        potential.checkCovers(start);
    }
}
