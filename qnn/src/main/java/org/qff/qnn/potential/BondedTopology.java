package org.qff.qnn.potential;

import java.util.List;
import org.qff.qnn.atoms.Elements;

/**
 * The terms of a classical bonded force field for one molecule: which atoms it is for (in
 * order) and its Morse bonds, angles and non-bonded repulsions with their parameters. A plain
 * data type; {@link TopologyBuilder} makes one from a reference geometry, {@link BondedPotential}
 * evaluates it, {@link BondedModelFile} stores it.
 */
public record BondedTopology(int[] atomicNumbers, List<MorseBond> bonds, List<HarmonicAngle> angles, List<PairRepulsion> repulsions) {

    public BondedTopology {
        atomicNumbers = atomicNumbers.clone();
        bonds = List.copyOf(bonds);
        angles = List.copyOf(angles);
        repulsions = List.copyOf(repulsions);
        int n = atomicNumbers.length;
        for (int a = 0; a < n; a++) {
            if (!Elements.isKnown(atomicNumbers[a])) throw new IllegalArgumentException("atom " + a + " has unknown atomic number " + atomicNumbers[a]);
        }
        for (MorseBond b : bonds) checkIndices(n, "bond", b.i(), b.j());
        for (HarmonicAngle t : angles) checkIndices(n, "angle", t.i(), t.j(), t.k());
        for (PairRepulsion p : repulsions) checkIndices(n, "repulsion pair", p.i(), p.j());
    }

    private static void checkIndices(int n, String what, int... idx) {
        for (int a : idx) {
            if (a >= n) throw new IllegalArgumentException(what + " " + java.util.Arrays.toString(idx) + " refers to atom " + a + " but the molecule has " + n + " atoms");
        }
    }

    @Override
    public int[] atomicNumbers() { return atomicNumbers.clone(); }

    public int size() { return atomicNumbers.length; }

    public int atomicNumber(int i) { return atomicNumbers[i]; }
}
