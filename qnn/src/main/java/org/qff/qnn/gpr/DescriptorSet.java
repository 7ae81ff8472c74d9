package org.qff.qnn.gpr;

import org.qff.qnn.descriptor.AlfCoordinates;
import org.qff.qnn.descriptor.AlfDescriptor;
import org.qff.qnn.descriptor.LocalFrame;

import java.util.List;

/**
 * ALF features and their Jacobians for a set of geometries of one molecule: the per-frame, per-atom
 * data the covariance, the mean fit and the prediction weights are built from.
 */
final class DescriptorSet {
    final int frameCount;
    final int atomCount;
    final int[] dimensions;
    final List<LocalFrame> frames;
    /** [frame][atom] → features. */
    final double[][][] features;
    /** [frame][atom] → row-major D × 3N Jacobian, or null when built without derivatives. */
    final double[][][] jacobians;

    DescriptorSet(double[][] positions, List<LocalFrame> frames, boolean withJacobians) {
        frameCount = positions.length;
        atomCount = frames.size();
        this.frames = List.copyOf(frames);
        dimensions = new int[atomCount];
        for (int i = 0; i < atomCount; i++) dimensions[i] = frames.get(i).dimension();
        features = new double[frameCount][atomCount][];
        jacobians = withJacobians ? new double[frameCount][atomCount][] : null;
        for (int s = 0; s < frameCount; s++) {
            if (positions[s].length != 3 * atomCount) {
                throw new IllegalArgumentException("geometry " + s + " has " + positions[s].length / 3 + " atoms, the model has " + atomCount);
            }
            for (int i = 0; i < atomCount; i++) {
                features[s][i] = new double[dimensions[i]];
                double[] jac = withJacobians ? new double[dimensions[i] * 3 * atomCount] : null;
                try {
                    AlfDescriptor.compute(positions[s], frames.get(i), features[s][i], jac);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("geometry " + s + ": " + e.getMessage(), e);
                }
                if (withJacobians) jacobians[s][i] = jac;
            }
        }
    }

    /**
     * Sparse form of a Jacobian row: the Cartesian indices where ∂x_k/∂R is non-zero (at most 12:
     * each feature depends on at most four atoms) and the values there.
     */
    int[][] nonZeroColumns(int frame, int atom) {
        ensureSparse();
        return sparseColumns[frame][atom];
    }

    double[][] nonZeroValues(int frame, int atom) {
        ensureSparse();
        return sparseValues[frame][atom];
    }

    private int[][][][] sparseColumns;
    private double[][][][] sparseValues;

    private synchronized void ensureSparse() {
        if (sparseColumns != null) return;
        int n3 = 3 * atomCount;
        int[][][][] cols = new int[frameCount][atomCount][][];
        double[][][][] vals = new double[frameCount][atomCount][][];
        for (int s = 0; s < frameCount; s++) {
            for (int i = 0; i < atomCount; i++) {
                int d = dimensions[i];
                cols[s][i] = new int[d][];
                vals[s][i] = new double[d][];
                double[] jac = jacobians[s][i];
                for (int k = 0; k < d; k++) {
                    int count = 0;
                    for (int m = 0; m < n3; m++) if (jac[k * n3 + m] != 0) count++;
                    int[] c = new int[count];
                    double[] v = new double[count];
                    for (int m = 0, q = 0; m < n3; m++) {
                        if (jac[k * n3 + m] != 0) {
                            c[q] = m;
                            v[q++] = jac[k * n3 + m];
                        }
                    }
                    cols[s][i][k] = c;
                    vals[s][i][k] = v;
                }
            }
        }
        sparseValues = vals;
        sparseColumns = cols;
    }

    /** Spread of feature k of atom i over the frames: standard deviation, or for azimuths √(2(1 − R̄)) with R̄ the mean resultant length. */
    double spread(int atom, int k) {
        if (frames.get(atom).isPeriodic(k)) {
            double c = 0, s = 0;
            for (int f = 0; f < frameCount; f++) {
                c += Math.cos(features[f][atom][k]);
                s += Math.sin(features[f][atom][k]);
            }
            double rbar = Math.hypot(c, s) / frameCount;
            return Math.sqrt(Math.max(0, 2 * (1 - rbar)));
        }
        return Math.sqrt(variance(atom, k));
    }

    /** The coordinate system of the features (one per molecule: every frame of a model uses the same). */
    AlfCoordinates coordinates() { return frames.get(0).coordinates(); }

    double mean(int atom, int k) {
        double m = 0;
        for (int f = 0; f < frameCount; f++) m += features[f][atom][k];
        return m / frameCount;
    }

    private double variance(int atom, int k) {
        double m = mean(atom, k), v = 0;
        for (int f = 0; f < frameCount; f++) {
            double d = features[f][atom][k] - m;
            v += d * d;
        }
        return v / frameCount;
    }
}
