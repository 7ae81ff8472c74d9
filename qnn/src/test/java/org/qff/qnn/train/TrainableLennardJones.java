package org.qff.qnn.train;

import java.util.Map;
import java.util.TreeMap;
import org.qff.qnn.atoms.Structure;

/**
 * Test model: Lennard-Jones with trainable (ln ε, ln σ), exact loss gradients written out by hand.
 * Small enough to check every derivative against finite differences.
 */
final class TrainableLennardJones implements TrainableModel {
    private volatile double lnEps, lnSigma;
    private final Map<Integer, Double> offsets = new TreeMap<>();

    TrainableLennardJones(double eps, double sigma) {
        lnEps = Math.log(eps);
        lnSigma = Math.log(sigma);
    }

    @Override public int parameterCount() { return 2; }
    @Override public void getParameters(double[] out) { out[0] = lnEps; out[1] = lnSigma; }
    @Override public void setParameters(double[] p) { lnEps = p[0]; lnSigma = p[1]; }
    @Override public void setReferenceEnergies(Map<Integer, Double> o) { offsets.clear(); offsets.putAll(o); }
    @Override public String toJson() { return "{\"type\":\"test-lj\",\"ln_eps\":" + lnEps + ",\"ln_sigma\":" + lnSigma + "}"; }
    @Override public boolean covers(int z) { return true; }
    @Override public String name() { return "test-trainable-lj"; }

    @Override
    public double compute(Structure s, double[] forces, double[] atomEnergies) {
        return evaluate(s, forces, null, null);
    }

    /** Energy; forces; dE/dθ (2); dF/dθ (2 × 3N). */
    private double evaluate(Structure s, double[] forces, double[] dE, double[][] dF) {
        double eps = Math.exp(lnEps), sigma = Math.exp(lnSigma);
        int n = s.size();
        if (forces != null) java.util.Arrays.fill(forces, 0);
        double e = 0;
        for (int i = 0; i < n; i++) e += offsets.getOrDefault(s.atomicNumber(i), 0.0);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = s.x(j) - s.x(i), dy = s.y(j) - s.y(i), dz = s.z(j) - s.z(i);
                double r2 = dx * dx + dy * dy + dz * dz;
                double s2 = sigma * sigma / r2, s6 = s2 * s2 * s2, s12 = s6 * s6;
                double pair = 4 * eps * (s12 - s6);
                e += pair;
                if (dE != null) {
                    dE[0] += pair;
                    dE[1] += 4 * eps * (12 * s12 - 6 * s6);
                }
                double fOverR = 24 * eps * (2 * s12 - s6) / r2;
                double dfEps = fOverR, dfSig = 24 * eps * (24 * s12 - 6 * s6) / r2;
                double[] d = {dx, dy, dz};
                for (int c = 0; c < 3; c++) {
                    if (forces != null) {
                        forces[3 * j + c] += fOverR * d[c];
                        forces[3 * i + c] -= fOverR * d[c];
                    }
                    if (dF != null) {
                        dF[0][3 * j + c] += dfEps * d[c];
                        dF[0][3 * i + c] -= dfEps * d[c];
                        dF[1][3 * j + c] += dfSig * d[c];
                        dF[1][3 * i + c] -= dfSig * d[c];
                    }
                }
            }
        }
        return e;
    }

    @Override
    public double accumulateLossGradient(Structure s, double eRef, double[] fRef, LossWeights w, double[] gradient) {
        int m = 3 * s.size();
        double[] f = new double[m], dE = new double[2];
        double[][] dF = new double[2][m];
        double e = evaluate(s, f, dE, dF);
        double de = e - eRef;
        double loss = w.energy() * de * de;
        double fl = 0;
        for (int k = 0; k < m; k++) fl += (f[k] - fRef[k]) * (f[k] - fRef[k]);
        loss += w.force() * fl / m;
        for (int p = 0; p < 2; p++) {
            double g = 2 * w.energy() * de * dE[p];
            for (int k = 0; k < m; k++) g += w.force() * 2 * (f[k] - fRef[k]) * dF[p][k] / m;
            gradient[p] += g;
        }
        return loss;
    }
}
