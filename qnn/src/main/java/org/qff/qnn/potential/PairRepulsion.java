package org.qff.qnn.potential;

/**
 * A purely repulsive term between atoms i and j that are neither bonded nor share a bonded
 * neighbour: E = ε (σ/r)¹². It keeps non-bonded atoms from passing through each other; at
 * ordinary separations it is negligible.
 *
 * @param epsilon ε in eV
 * @param sigma σ in Å
 */
public record PairRepulsion(int i, int j, double epsilon, double sigma) {
    public PairRepulsion {
        if (i < 0 || j < 0 || i == j) throw new IllegalArgumentException("pair needs two distinct atom indices, got " + i + " and " + j);
        MorseBond.requirePositive("pair " + i + "-" + j + " epsilon", epsilon);
        MorseBond.requirePositive("pair " + i + "-" + j + " sigma", sigma);
    }
}
