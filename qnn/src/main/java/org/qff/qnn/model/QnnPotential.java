package org.qff.qnn.model;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/**
 * A {@link QnnModel} as a {@link Potential}: E = Σ_i ε(Z_i) + s(Z_i)·⟨O⟩_i, forces F = −∂E/∂R by the
 * chain rule through the encoding map and the circuit's exact derivative (adjoint by default,
 * parameter-shift selectable).
 *
 * <p>Thread-safe for concurrent {@link #compute} calls (per-thread workspaces), provided nobody
 * changes the model's weights meanwhile.
 */
public final class QnnPotential implements Potential {
    static {
        QnnModels.register();
    }

    private final QnnModel model;
    private final DerivativeMethod method;
    private final ThreadLocal<Workspace> workspace;

    public QnnPotential(QnnModel model) {
        this(model, DerivativeMethod.ADJOINT);
    }

    public QnnPotential(QnnModel model, DerivativeMethod method) {
        this(model, method, CircuitBackend.SMALL_ENGINE);
    }

    public QnnPotential(QnnModel model, DerivativeMethod method, CircuitBackend backend) {
        this.model = model;
        this.method = method;
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(model, backend));
    }

    public QnnModel model() { return model; }

    public DerivativeMethod method() { return method; }

    @Override
    public double compute(Structure structure, double[] forces, double[] atomEnergies) {
        int n = structure.size();
        if (forces != null && forces.length != 3 * n) throw new IllegalArgumentException("forces array has length " + forces.length + ", need " + 3 * n);
        if (atomEnergies != null && atomEnergies.length != n) throw new IllegalArgumentException("atom energy array has length " + atomEnergies.length + ", need " + n);
        Workspace ws = workspace.get();
        ws.envs.build(structure);
        ws.ensureAtoms(n);
        double[] dEdR = ws.dEdR;
        if (forces != null) java.util.Arrays.fill(dEdR, 0, 3 * n, 0);
        double energy = 0;
        for (int i = 0; i < n; i++) {
            AtomEnvironment env = ws.envs.get(i);
            model.encode(env, ws.scratch, ws.p);
            double value;
            if (forces == null) {
                value = ws.engine.value(ws.p);
            } else {
                value = method == DerivativeMethod.ADJOINT ? ws.engine.gradient(ws.p, ws.g) : ws.engine.parameterShiftGradient(ws.p, ws.g);
                double s = model.scale(env.centerSpecies());
                int np = model.circuit().paramCount();
                for (int m = 0; m < np; m++) ws.a[m] = s * ws.g[m];
                model.backpropPositions(env, ws.scratch, ws.a, dEdR);
            }
            if (!Double.isFinite(value)) throw nonFinite(i, ws.p, model.circuit().paramCount());
            double e = model.epsilon(env.centerSpecies()) + model.scale(env.centerSpecies()) * value;
            if (atomEnergies != null) atomEnergies[i] = e;
            energy += e;
        }
        if (forces != null) for (int k = 0; k < 3 * n; k++) forces[k] = -dEdR[k];
        return energy;
    }

    /** The circuit of atom i overflowed: weights or coordinates out of any sensible range. */
    static IllegalArgumentException nonFinite(int atom, double[] p, int np) {
        double max = 0;
        for (int m = 0; m < np; m++) max = Math.max(max, Math.abs(p[m]));
        return new IllegalArgumentException("atom " + atom + ": the circuit value is not finite (largest |circuit parameter| = " + max
                + "): weights or coordinates are out of range");
    }

    @Override
    public boolean covers(int atomicNumber) { return model.covers(atomicNumber); }

    @Override
    public String name() { return model.type(); }

    @Override
    public void checkCovers(Structure structure) {
        for (int i = 0; i < structure.size(); i++) {
            if (!covers(structure.atomicNumber(i))) {
                throw new IllegalArgumentException("the " + model.type() + " model covers " + model.speciesSymbols() + " but atom " + i
                        + " has atomic number " + structure.atomicNumber(i));
            }
        }
    }
}
