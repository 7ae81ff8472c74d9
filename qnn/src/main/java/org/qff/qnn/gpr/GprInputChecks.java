package org.qff.qnn.gpr;

import java.util.Arrays;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;

/** The argument checks the dense and sparse GPR potentials share: both are tied to one molecule's atom order. */
final class GprInputChecks {
    private GprInputChecks() {}

    /** A structure the model can describe: not periodic, known species, the model's atom count and order. */
    static void structure(Structure s, int[] species, String potentialName) {
        if (s.isPeriodic()) throw new IllegalArgumentException("the GPR potential is for isolated molecules; the structure is periodic");
        for (int i = 0; i < s.size(); i++) {
            if (!covers(species, s.atomicNumber(i))) {
                throw new IllegalArgumentException("potential " + potentialName + " does not cover atom " + i + " (" + Elements.symbol(s.atomicNumber(i))
                        + ", atomic number " + s.atomicNumber(i) + "); it knows "
                        + Arrays.stream(species).distinct().sorted().mapToObj(Elements::symbol).toList());
            }
        }
        int n = species.length;
        if (s.size() != n) throw new IllegalArgumentException("the GPR model describes a " + n + "-atom molecule, the structure has " + s.size() + " atoms");
        for (int i = 0; i < n; i++) {
            if (s.atomicNumber(i) != species[i]) {
                throw new IllegalArgumentException("atom " + i + " is " + Elements.symbol(s.atomicNumber(i)) + " but model atom " + i + " is "
                        + Elements.symbol(species[i]) + " (GPR models need the training atom order)");
            }
        }
    }

    /** Output arrays large enough for n atoms (either may be null: not requested). */
    static void outputArrays(int n, double[] forces, double[] atomEnergies) {
        if (forces != null && forces.length < 3 * n) throw new IllegalArgumentException("forces array holds " + forces.length + " numbers, need " + 3 * n);
        if (atomEnergies != null && atomEnergies.length < n) {
            throw new IllegalArgumentException("atom-energy array holds " + atomEnergies.length + " numbers, need " + n);
        }
    }

    static boolean covers(int[] species, int atomicNumber) {
        for (int z : species) if (z == atomicNumber) return true;
        return false;
    }
}
