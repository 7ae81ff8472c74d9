package org.qff.qnn.model;

import org.qff.qnn.atoms.Structure;

/**
 * The loss of one configuration and its exact gradient with respect to every weight of a model:
 * <pre>  L = wE·(E − E_ref)² + wF·(1/3N)·Σ_k (F_k − F_ref,k)²</pre>
 * (eV², eV²/Å²). The force term needs second derivatives: with λ = ∂L/∂F,
 * Σ_k λ_k ∂F_k/∂w = −∂(D_λE)/∂w, and D_λE = Σ_i s_i·g_i·t_i (g_i = ∂⟨O⟩_i/∂p, t_i = D_λ p_i) is
 * differentiated with one forward-over-reverse pass per atom (H_i·t_i from
 * {@link org.qff.qnn.model.circuit.SmallCircuitEngine#hessianVector}) plus the weight-derivative of t_i.
 *
 * <p>Not thread-safe: one instance per thread (it owns the scratch space). Gradients are always
 * adjoint-based.
 */
public final class LossGradient {
    private final QnnModel model;
    private final Workspace ws;
    private double[] forces = new double[0];
    private double[] lambda = new double[0];

    public LossGradient(QnnModel model) {
        this.model = model;
        this.ws = new Workspace(model, CircuitBackend.SMALL_ENGINE);
    }

    /** One-off convenience: allocates its scratch; prefer an instance in a training loop. */
    public static double compute(QnnModel model, Structure s, double eRef, double[] fRef, double wE, double wF, double[] gradOut) {
        return new LossGradient(model).compute(s, eRef, fRef, wE, wF, gradOut);
    }

    /** The loss; overwrites gradOut (length {@link QnnModel#parameterCount()}) with ∂L/∂w. */
    public double compute(Structure s, double eRef, double[] fRef, double wE, double wF, double[] gradOut) {
        int n = s.size();
        if (n == 0) throw new IllegalArgumentException("the structure has no atoms: nothing to fit");
        if (!Double.isFinite(eRef)) throw new IllegalArgumentException("reference energy is not finite: " + eRef);
        if (!(wE >= 0) || !(wF >= 0) || Double.isInfinite(wE) || Double.isInfinite(wF)) {
            throw new IllegalArgumentException("loss weights must be finite and ≥ 0, got wE = " + wE + ", wF = " + wF);
        }
        if (gradOut.length != model.parameterCount()) throw new IllegalArgumentException("gradient array has length " + gradOut.length + ", model has " + model.parameterCount() + " weights");
        boolean withForces = wF > 0;
        if (withForces) {
            if (fRef == null || fRef.length != 3 * n) throw new IllegalArgumentException("reference forces need " + 3 * n + " numbers, got " + (fRef == null ? "none" : fRef.length));
            for (int k = 0; k < 3 * n; k++) {
                if (!Double.isFinite(fRef[k])) throw new IllegalArgumentException("reference force on atom " + k / 3 + " (" + "xyz".charAt(k % 3) + ") is not finite: " + fRef[k]);
            }
        }
        ws.envs.build(s);
        ws.ensureAtoms(n);
        if (forces.length < 3 * n) { forces = new double[3 * n]; lambda = new double[3 * n]; }
        int np = model.circuit().paramCount();
        java.util.Arrays.fill(ws.dEdR, 0, 3 * n, 0);

        // pass 1: energy and forces
        double energy = 0;
        for (int i = 0; i < n; i++) {
            AtomEnvironment env = ws.envs.get(i);
            int ci = env.centerSpecies();
            model.encode(env, ws.scratch, ws.p);
            double value = withForces ? ws.engine.gradient(ws.p, ws.g) : ws.engine.value(ws.p);
            if (!Double.isFinite(value)) throw QnnPotential.nonFinite(i, ws.p, np);
            ws.atomValues[i] = value;
            energy += model.epsilon(ci) + model.scale(ci) * value;
            if (withForces) {
                for (int m = 0; m < np; m++) ws.a[m] = model.scale(ci) * ws.g[m];
                model.backpropPositions(env, ws.scratch, ws.a, ws.dEdR);
            }
        }
        double dE = energy - eRef;
        double loss = wE * dE * dE;
        double dLdE = 2 * wE * dE;
        if (withForces) {
            double sum = 0, c = 2 * wF / (3.0 * n);
            for (int k = 0; k < 3 * n; k++) {
                forces[k] = -ws.dEdR[k];
                double d = forces[k] - fRef[k];
                sum += d * d;
                lambda[k] = c * d;
            }
            loss += wF * sum / (3.0 * n);
        }

        // pass 2: gradient
        java.util.Arrays.fill(gradOut, 0);
        for (int i = 0; i < n; i++) {
            AtomEnvironment env = ws.envs.get(i);
            int ci = env.centerSpecies();
            double si = model.scale(ci);
            gradOut[model.epsilonOffset() + ci] += dLdE;
            gradOut[model.scaleOffset() + ci] += dLdE * ws.atomValues[i];
            model.encode(env, ws.scratch, ws.p);
            if (!withForces) {
                ws.engine.gradient(ws.p, ws.g);
                for (int m = 0; m < np; m++) ws.a[m] = dLdE * si * ws.g[m];
                model.backpropWeights(env, ws.scratch, ws.a, gradOut);
                continue;
            }
            model.tangent(env, ws.scratch, lambda, ws.t);
            ws.engine.hessianVector(ws.p, ws.t, ws.g, ws.ht);
            double gt = 0;
            for (int m = 0; m < np; m++) gt += ws.g[m] * ws.t[m];
            gradOut[model.scaleOffset() + ci] -= gt;
            for (int m = 0; m < np; m++) ws.a[m] = dLdE * si * ws.g[m] - si * ws.ht[m];
            model.backpropWeights(env, ws.scratch, ws.a, gradOut);
            for (int m = 0; m < np; m++) ws.a[m] = -si * ws.g[m];
            model.backpropTangentWeights(env, ws.scratch, lambda, ws.a, gradOut);
        }
        return loss;
    }
}
