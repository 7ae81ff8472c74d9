package org.qff.qnn.model;

/**
 * Radial functions g_b(r) = f_c(r)·φ_b(r)/r for b = 0..B−1, with Gaussians φ_b centred evenly on
 * [r_min, r_c] (width = spacing) and the quintic cutoff f_c (value, slope and curvature vanish at
 * r_c). Dividing by r turns a displacement r_ij into θ(r)·r̂_ij with θ = f_c·φ: the encoding vector
 * keeps the direction and a learned function of the distance, separately.
 */
public record RadialBasis(int count, double rMin, double cutoff) {

    public RadialBasis {
        if (count < 1 || count > 64) throw new IllegalArgumentException("radial basis size must be in 1..64, got " + count);
        if (!(rMin >= 0) || !(rMin < cutoff)) throw new IllegalArgumentException("radial basis needs 0 ≤ r_min < cutoff, got r_min = " + rMin + ", cutoff = " + cutoff);
    }

    private double spacing() { return count > 1 ? (cutoff - rMin) / (count - 1) : (cutoff - rMin) / 2; }

    /** g_b(r) into g[o+b] and dg_b/dr into dg[o+b]. */
    void eval(double r, double[] g, double[] dg, int o) {
        // the quintic cutoff of qnn.neighbors, inlined (this runs per neighbour per call)
        double f = 0, df = 0;
        if (r < cutoff) {
            double x = r / cutoff, om = 1 - x;
            f = om * om * om * (1 + x * (3 + 6 * x));
            df = -30 * x * x * om * om / cutoff;
        }
        double sigma = spacing(), inv2 = 1 / (sigma * sigma), invR = 1 / r;
        for (int b = 0; b < count; b++) {
            double mu = rMin + (count > 1 ? b * sigma : sigma);
            double u = r - mu;
            double phi = Math.exp(-0.5 * u * u * inv2);
            double dphi = -u * inv2 * phi;
            g[o + b] = f * phi * invR;
            dg[o + b] = (df * phi + f * dphi) * invR - f * phi * invR * invR;
        }
    }
}
