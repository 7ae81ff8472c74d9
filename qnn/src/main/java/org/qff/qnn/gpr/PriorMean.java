package org.qff.qnn.gpr;

import org.qff.qnn.descriptor.AlfCoordinates;

/**
 * A fitted prior mean m(R) = Σ_i m_i(x_i): a total constant shared equally among the N atoms plus,
 * for linear and quadratic kinds, per-atom basis expansions of the atom's features. Ordinary
 * features enter standardised, z = (x − centre)/scale, as z (order 1) and z² (order 2); azimuths
 * enter as cos φ, sin φ (order 1) and cos 2φ, sin 2φ (order 2), so the mean is 2π-periodic in φ.
 * Only diagonal second-order terms are used (no cross terms): D² coefficients per atom would
 * outnumber the data at the training-set sizes GPR is meant for.
 *
 * <p>Immutable data plus its evaluation; thread-safe.
 *
 * @param kind which prior mean this is
 * @param margin the shift margin in eV (0 unless the kind is shifted-high)
 * @param constant total constant in eV (includes the shift of shifted-high kinds)
 * @param centres per atom, per feature standardisation centre (ignored for azimuths)
 * @param scales per atom, per feature standardisation scale (ignored for azimuths)
 * @param coefficients per atom, basis coefficients (empty for zero and constant kinds)
 * @param coordinates the feature layout the mean applies to (which features are azimuths)
 */
public record PriorMean(PriorMeanKind kind, double margin, double constant, double[][] centres, double[][] scales,
                        double[][] coefficients, AlfCoordinates coordinates) {

    public PriorMean {
        if (coordinates == null) throw new IllegalArgumentException("prior mean: coordinates are required");
        centres = deepCopy(centres);
        scales = deepCopy(scales);
        coefficients = deepCopy(coefficients);
        if (centres.length != scales.length || centres.length != coefficients.length) {
            throw new IllegalArgumentException("prior mean: centres, scales and coefficients disagree on the atom count");
        }
        for (int i = 0; i < centres.length; i++) {
            int d = centres[i].length;
            if (scales[i].length != d) throw new IllegalArgumentException("prior mean: atom " + i + " has " + scales[i].length + " scales for " + d + " features");
            int want = basisSize(coordinates, d, kind.order());
            if (coefficients[i].length != want) {
                throw new IllegalArgumentException("prior mean " + kind.fileName() + ": atom " + i + " has " + coefficients[i].length
                        + " coefficients, expected " + want);
            }
            for (double s : scales[i]) if (!(s > 0)) throw new IllegalArgumentException("prior mean: atom " + i + " has non-positive scale " + s);
        }
        if (!Double.isFinite(constant)) throw new IllegalArgumentException("prior mean constant is not finite: " + constant);
    }

    /** Number of basis functions of an atom with {@code dimension} features at the given order. */
    public static int basisSize(AlfCoordinates coordinates, int dimension, int order) {
        if (order <= 0) return 0;
        int n = 0;
        for (int k = 0; k < dimension; k++) n += termsPerFeature(coordinates, k, order);
        return n;
    }

    static int termsPerFeature(AlfCoordinates coordinates, int k, int order) {
        if (order <= 0) return 0;
        boolean az = coordinates.isPeriodic(k);
        return order == 1 ? (az ? 2 : 1) : (az ? 4 : 2);
    }

    /**
     * Evaluates the basis of an atom at features x: values into {@code phi}, and per basis function the
     * derivative with respect to its own feature into {@code dphi} (each term depends on one feature).
     */
    static void basis(AlfCoordinates coordinates, int order, double[] x, double[] centre, double[] scale, double[] phi, double[] dphi) {
        int c = 0;
        for (int k = 0; k < x.length; k++) {
            if (order <= 0) break;
            if (coordinates.isPeriodic(k)) {
                double cs = Math.cos(x[k]), sn = Math.sin(x[k]);
                phi[c] = cs; dphi[c++] = -sn;
                phi[c] = sn; dphi[c++] = cs;
                if (order >= 2) {
                    double c2 = Math.cos(2 * x[k]), s2 = Math.sin(2 * x[k]);
                    phi[c] = c2; dphi[c++] = -2 * s2;
                    phi[c] = s2; dphi[c++] = 2 * c2;
                }
            } else {
                double z = (x[k] - centre[k]) / scale[k];
                phi[c] = z; dphi[c++] = 1 / scale[k];
                if (order >= 2) {
                    phi[c] = z * z; dphi[c++] = 2 * z / scale[k];
                }
            }
        }
    }

    /** Index of the feature basis function {@code c} depends on. */
    static int featureOf(AlfCoordinates coordinates, int dimension, int order, int c) {
        for (int k = 0; k < dimension; k++) {
            int t = termsPerFeature(coordinates, k, order);
            if (c < t) return k;
            c -= t;
        }
        throw new IndexOutOfBoundsException("basis function " + c);
    }

    public int atomCount() { return centres.length; }

    /** m_i(x), adding ∂m_i/∂x into {@code gradient} when non-null. */
    public double atomValue(int atom, double[] x, double[] gradient) {
        double value = constant / centres.length;
        double[] coef = coefficients[atom];
        if (coef.length == 0) return value;
        double[] phi = new double[coef.length], dphi = new double[coef.length];
        basis(coordinates, kind.order(), x, centres[atom], scales[atom], phi, dphi);
        int c = 0;
        for (int k = 0; k < x.length; k++) {
            int t = termsPerFeature(coordinates, k, kind.order());
            for (int s = 0; s < t; s++, c++) {
                value += coef[c] * phi[c];
                if (gradient != null) gradient[k] += coef[c] * dphi[c];
            }
        }
        return value;
    }

    @Override
    public double[][] centres() { return deepCopy(centres); }

    @Override
    public double[][] scales() { return deepCopy(scales); }

    @Override
    public double[][] coefficients() { return deepCopy(coefficients); }

    static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }
}
