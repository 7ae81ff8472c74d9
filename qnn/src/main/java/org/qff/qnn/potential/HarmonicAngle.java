package org.qff.qnn.potential;

/**
 * A bond angle i–j–k (j the centre), harmonic in its cosine: E = ½ k (cos θ − cos θ0)². The
 * cosine form is smooth everywhere, including at θ = 180° where a harmonic-in-θ term's
 * gradient is singular; near θ0 it acts as a harmonic term with constant k sin²θ0 (eV/rad²).
 *
 * @param stiffness k in eV
 * @param cosEquilibrium cos θ0
 */
public record HarmonicAngle(int i, int j, int k, double stiffness, double cosEquilibrium) {
    public HarmonicAngle {
        if (i < 0 || j < 0 || k < 0 || i == j || j == k || i == k) {
            throw new IllegalArgumentException("angle needs three distinct atom indices, got " + i + ", " + j + ", " + k);
        }
        MorseBond.requirePositive("angle " + i + "-" + j + "-" + k + " stiffness", stiffness);
        if (!(Math.abs(cosEquilibrium) <= 1)) {
            throw new IllegalArgumentException("angle " + i + "-" + j + "-" + k + " cos θ0 must lie in [-1, 1], got " + cosEquilibrium);
        }
    }
}
