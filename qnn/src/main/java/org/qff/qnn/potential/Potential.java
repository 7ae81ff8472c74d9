package org.qff.qnn.potential;

import org.qff.qnn.atoms.Structure;

/**
 * The one interface every consumer calls (MD engine, optimisers, i-PI driver, C ABI, training,
 * evaluation): the energy of a structure, its forces and per-atom energies.
 *
 * <p>Units: Å in, eV and eV/Å out. Forces are −∂E/∂R exactly.
 *
 * <p>Thread-safety: implementations must allow concurrent calls to {@link #compute} from several
 * threads (no shared mutable scratch; use per-call or thread-local buffers).
 */
public interface Potential {

    /**
     * Computes the energy; fills {@code forces} (length 3N, eV/Å) and {@code atomEnergies} (length
     * N, eV, summing to the energy) when they are non-null.
     *
     * @throws IllegalArgumentException for a structure this potential cannot evaluate (uncovered
     *     species, atoms closer than the potential allows), naming the atom and value
     */
    double compute(Structure structure, double[] forces, double[] atomEnergies);

    /** The energy alone. */
    default double energy(Structure structure) {
        return compute(structure, null, null);
    }

    /** Forces into a new array. */
    default double[] forces(Structure structure) {
        double[] f = new double[3 * structure.size()];
        compute(structure, f, null);
        return f;
    }

    /** Whether this potential has parameters for the element. */
    boolean covers(int atomicNumber);

    /** Short human-readable name, e.g. "lennard-jones" or "qnn-revised". */
    String name();

    /** Throws naming the first atom whose species this potential does not cover. */
    default void checkCovers(Structure structure) {
        for (int i = 0; i < structure.size(); i++) {
            if (!covers(structure.atomicNumber(i))) {
                throw new IllegalArgumentException("potential " + name() + " does not cover atom " + i + " (atomic number "
                        + structure.atomicNumber(i) + ")");
            }
        }
    }
}
