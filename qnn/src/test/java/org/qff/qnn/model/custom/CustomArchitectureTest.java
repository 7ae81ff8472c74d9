package org.qff.qnn.model.custom;

import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.model.AtomEnvironment;
import org.qff.qnn.model.LossGradient;
import org.qff.qnn.model.QnnModel;
import org.qff.qnn.model.QnnPotential;
import org.qff.qnn.model.SampleMolecules;
import org.qff.qnn.model.circuit.Ansatz;
import org.qff.qnn.model.circuit.Topology;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A researcher's architecture outside the package, through the public extension points only:
 * each qubit q gets v_q = Σ_j exp(−κ_q·r_ij)·r_ij (one weight κ per qubit), all-pairs exchange.
 * Checks that the framework turns the five hooks into exact forces and loss gradients.
 */
class CustomArchitectureTest {

    static final class ExponentialModel extends QnnModel {
        ExponentialModel() {
            super(new int[] {1, 6, 8}, 3.0, new Ansatz(4, 1, Topology.ALL_PAIRS), true,
                    List.of(new Block("kappa", 0, 4), new Block("couplings", 0, 6)));
            double[] w = getParameters();
            for (int q = 0; q < 4; q++) w[block("kappa").offset() + q] = 0.5 + 0.2 * q;
            for (int e = 0; e < 6; e++) w[block("couplings").offset() + e] = 0.1 * (e - 2);
            setParameters(w);
        }

        @Override public String type() { return "test-exponential"; }

        private double kappa(int q) { return w[block("kappa").offset() + q]; }

        @Override protected EncodingScratch newScratch() { return new EncodingScratch(); }

        @Override
        protected void encode(AtomEnvironment env, EncodingScratch s, double[] p) {
            Arrays.fill(p, 0, ansatz().paramCount(), 0);
            for (int q = 0; q < 4; q++) {
                int o = ansatz().encodingParam(0, q);
                for (int k = 0; k < env.count(); k++) {
                    double f = Math.exp(-kappa(q) * env.r(k));
                    p[o] += f * env.dx(k);
                    p[o + 1] += f * env.dy(k);
                    p[o + 2] += f * env.dz(k);
                }
            }
            for (int e = 0; e < 6; e++) p[ansatz().couplingParam(0, e)] = w[block("couplings").offset() + e];
        }

        /** ∂(f·r_vec)/∂R_j applied to a 3-vector g: f·g + f'(r)/r·(g·r)·r with f' = −κf. */
        @Override
        protected void backpropPositions(AtomEnvironment env, EncodingScratch s, double[] a, double[] dEdR) {
            int i = env.center();
            for (int q = 0; q < 4; q++) {
                int o = ansatz().encodingParam(0, q);
                for (int k = 0; k < env.count(); k++) {
                    double r = env.r(k), f = Math.exp(-kappa(q) * r), df = -kappa(q) * f;
                    double[] rv = {env.dx(k), env.dy(k), env.dz(k)};
                    double gr = a[o] * rv[0] + a[o + 1] * rv[1] + a[o + 2] * rv[2];
                    for (int x = 0; x < 3; x++) {
                        double c = f * a[o + x] + df / r * gr * rv[x];
                        dEdR[3 * env.atom(k) + x] += c;
                        dEdR[3 * i + x] -= c;
                    }
                }
            }
        }

        @Override
        protected void tangent(AtomEnvironment env, EncodingScratch s, double[] c, double[] t) {
            Arrays.fill(t, 0, ansatz().paramCount(), 0);
            int i = env.center();
            for (int q = 0; q < 4; q++) {
                int o = ansatz().encodingParam(0, q);
                for (int k = 0; k < env.count(); k++) {
                    double r = env.r(k), f = Math.exp(-kappa(q) * r), df = -kappa(q) * f;
                    double[] rv = {env.dx(k), env.dy(k), env.dz(k)};
                    int j = env.atom(k);
                    double[] d = {c[3 * j] - c[3 * i], c[3 * j + 1] - c[3 * i + 1], c[3 * j + 2] - c[3 * i + 2]};
                    double rd = (rv[0] * d[0] + rv[1] * d[1] + rv[2] * d[2]) / r;
                    for (int x = 0; x < 3; x++) t[o + x] += f * d[x] + df * rd * rv[x];
                }
            }
        }

        @Override
        protected void backpropWeights(AtomEnvironment env, EncodingScratch s, double[] a, double[] grad) {
            for (int q = 0; q < 4; q++) {
                int o = ansatz().encodingParam(0, q);
                for (int k = 0; k < env.count(); k++) {
                    double r = env.r(k), dfk = -r * Math.exp(-kappa(q) * r);   // ∂f/∂κ
                    grad[block("kappa").offset() + q] += dfk * (a[o] * env.dx(k) + a[o + 1] * env.dy(k) + a[o + 2] * env.dz(k));
                }
            }
            for (int e = 0; e < 6; e++) grad[block("couplings").offset() + e] += a[ansatz().couplingParam(0, e)];
        }

        @Override
        protected void backpropTangentWeights(AtomEnvironment env, EncodingScratch s, double[] c, double[] b, double[] grad) {
            int i = env.center();
            for (int q = 0; q < 4; q++) {
                int o = ansatz().encodingParam(0, q);
                for (int k = 0; k < env.count(); k++) {
                    double r = env.r(k), f = Math.exp(-kappa(q) * r);
                    double dfk = -r * f, ddfk = -f + kappa(q) * r * f;   // ∂f/∂κ and ∂f'/∂κ
                    double[] rv = {env.dx(k), env.dy(k), env.dz(k)};
                    int j = env.atom(k);
                    double[] d = {c[3 * j] - c[3 * i], c[3 * j + 1] - c[3 * i + 1], c[3 * j + 2] - c[3 * i + 2]};
                    double rd = (rv[0] * d[0] + rv[1] * d[1] + rv[2] * d[2]) / r;
                    double sum = 0;
                    for (int x = 0; x < 3; x++) sum += b[o + x] * (dfk * d[x] + ddfk * rd * rv[x]);
                    grad[block("kappa").offset() + q] += sum;
                }
            }
        }
    }

    @Test
    void forcesAndLossGradientOfAResearchersModelAreExact() {
        ExponentialModel m = new ExponentialModel();
        QnnPotential p = new QnnPotential(m);
        Structure s = SampleMolecules.ethanol();
        double[] f = p.forces(s);
        double h = 1e-5, scale = 0;
        double[] x = s.positions();
        double[] fd = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double[] a = x.clone(), b = x.clone();
            a[k] += h;
            b[k] -= h;
            fd[k] = -(p.energy(s.withPositions(a)) - p.energy(s.withPositions(b))) / (2 * h);
            scale = Math.max(scale, Math.abs(fd[k]));
        }
        for (int k = 0; k < x.length; k++) assertEquals(fd[k], f[k], 1e-6 * scale, "force component " + k);

        double[] fRef = new double[x.length];
        double eRef = p.energy(s) - 0.2;
        LossGradient lg = new LossGradient(m);
        double[] grad = new double[m.parameterCount()], scratch = new double[grad.length];
        lg.compute(s, eRef, fRef, 1.0, 2.0, grad);
        double[] w0 = m.getParameters();
        double gmax = Arrays.stream(grad).map(Math::abs).max().orElseThrow();
        for (int k = 0; k < w0.length; k++) {
            double[] w = w0.clone();
            w[k] += h;
            m.setParameters(w);
            double lp = lg.compute(s, eRef, fRef, 1.0, 2.0, scratch);
            w[k] -= 2 * h;
            m.setParameters(w);
            double lm = lg.compute(s, eRef, fRef, 1.0, 2.0, scratch);
            m.setParameters(w0);
            assertEquals((lp - lm) / (2 * h), grad[k], 1e-6 * gmax, m.parameterName(k));
        }
    }
}
