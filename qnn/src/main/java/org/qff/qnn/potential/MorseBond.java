package org.qff.qnn.potential;

/**
 * A Morse bond between atoms i and j: E = D (1 − exp(−a (r − r0)))², zero at r0, D at
 * dissociation.
 *
 * @param depth D in eV
 * @param width a in 1/Å (force constant at the minimum is 2 D a²)
 * @param length r0 in Å
 */
public record MorseBond(int i, int j, double depth, double width, double length) {
    public MorseBond {
        if (i < 0 || j < 0 || i == j) throw new IllegalArgumentException("bond needs two distinct atom indices, got " + i + " and " + j);
        requirePositive("bond " + i + "-" + j + " depth D", depth);
        requirePositive("bond " + i + "-" + j + " width a", width);
        requirePositive("bond " + i + "-" + j + " length r0", length);
    }

    static void requirePositive(String what, double x) {
        if (!(x > 0) || !Double.isFinite(x)) throw new IllegalArgumentException(what + " must be positive and finite, got " + x);
    }
}
