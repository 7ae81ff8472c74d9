package org.qff.qnn.gpr;

import java.util.function.Function;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.data.Dataset;

/** A data set's frames as the arrays the GPR trainers take (energies in eV, forces in eV/Å). */
record TrainingArrays(Structure[] structures, double[] energies, double[][] forces) {

    /** Runs {@code trainer} on every frame of {@code data}; its errors are reported with the data set's name. */
    static <R> R trainOn(Dataset data, Function<TrainingArrays, R> trainer) {
        int m = data.size();
        Structure[] structures = new Structure[m];
        double[][] forces = new double[m][];
        for (int k = 0; k < m; k++) {
            structures[k] = data.structure(k);
            forces[k] = data.forces(k);
        }
        try {
            return trainer.apply(new TrainingArrays(structures, data.energies(), forces));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(data.name() + ": " + e.getMessage(), e);
        }
    }
}
