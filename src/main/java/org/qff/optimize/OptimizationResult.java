package org.qff.optimize;

import org.qff.qnn.atoms.Structure;

/**
 * What an optimisation did: whether the force criterion was met, the steps taken (force
 * evaluations after the first), the energy of every step (eV, index 0 = start), the final
 * structure and forces (eV/Å) and the largest final force component.
 */
public record OptimizationResult(boolean converged, int steps, double[] energies, Structure structure, double[] forces, double fmax) {
    public OptimizationResult {
        energies = energies.clone();
        forces = forces.clone();
    }

    public double energy() { return energies[energies.length - 1]; }
}
