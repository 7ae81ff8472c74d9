package org.qff.qnn.train;

import org.qff.qnn.atoms.Structure;

/** One labelled configuration: a structure with its reference energy (eV) and forces (eV/Å). */
public record TrainingFrame(Structure structure, double energy, double[] forces) {
    public TrainingFrame {
        if (forces.length != 3 * structure.size()) {
            throw new IllegalArgumentException("forces hold " + forces.length + " numbers for " + structure.size() + " atoms");
        }
        if (!Double.isFinite(energy)) throw new IllegalArgumentException("reference energy is not finite: " + energy);
        for (int k = 0; k < forces.length; k++) {
            if (!Double.isFinite(forces[k])) throw new IllegalArgumentException("reference force of atom " + k / 3 + " is not finite: " + forces[k]);
        }
    }
}
