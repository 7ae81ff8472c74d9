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
    private final int threads;
    private final CircuitBackend backend;

    public QnnPotential(QnnModel model) {
        this(model, DerivativeMethod.ADJOINT);
    }

    public QnnPotential(QnnModel model, DerivativeMethod method) {
        this(model, method, CircuitBackend.SMALL_ENGINE);
    }

    public QnnPotential(QnnModel model, DerivativeMethod method, CircuitBackend backend) {
        this(model, method, backend, 1);
    }

    /**
     * @param threads how many threads one {@link #compute} call uses: 1 evaluates every atom on the
     *     caller's thread; more splits the atoms into that many chunks run on the common fork-join
     *     pool plus the caller (each thread with its own workspace).
     */
    public QnnPotential(QnnModel model, DerivativeMethod method, CircuitBackend backend, int threads) {
        if (threads < 1 || threads > 1024) throw new IllegalArgumentException("threads must be in 1..1024, got " + threads);
        this.model = model;
        this.method = method;
        this.threads = threads;
        this.backend = backend;
        this.workspace = ThreadLocal.withInitial(() -> new Workspace(model, backend));
    }

    /** The same model and method, evaluating each call on {@code threads} threads. */
    public QnnPotential withThreads(int threads) {
        return new QnnPotential(model, method, backend, threads);
    }

    public int threads() { return threads; }

    public QnnModel model() { return model; }

    public DerivativeMethod method() { return method; }

    @Override
    public double compute(Structure structure, double[] forces, double[] atomEnergies) {
        int n = structure.size();
        if (forces != null && forces.length != 3 * n) throw new IllegalArgumentException("forces array has length " + forces.length + ", need " + 3 * n);
        if (atomEnergies != null && atomEnergies.length != n) throw new IllegalArgumentException("atom energy array has length " + atomEnergies.length + ", need " + n);
        int chunks = Math.min(threads, n / MIN_ATOMS_PER_CHUNK);
        if (chunks <= 1) {
            Workspace ws = workspace.get();
            ws.envs.build(structure);
            double e = computeRange(ws, 0, n, forces != null, atomEnergies);
            if (forces != null) for (int k = 0; k < 3 * n; k++) forces[k] = -ws.dEdR[k];
            return e;
        }
        workspace.get().envs.build(structure);   // bad input fails here, on the caller's thread, with its own message
        double[] energies = new double[chunks];
        if (forces != null) java.util.Arrays.fill(forces, 0);
        Object lock = new Object();
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            Workspace ws = workspace.get();
            ws.envs.build(structure);
            energies[c] = computeRange(ws, c * n / chunks, (c + 1) * n / chunks, forces != null, atomEnergies);
            if (forces != null) {
                synchronized (lock) {
                    for (int k = 0; k < 3 * n; k++) forces[k] -= ws.dEdR[k];
                }
            }
        });
        double energy = 0;
        for (double e : energies) energy += e;
        return energy;
    }

    /** Below this many atoms per chunk, splitting a call costs more than it saves. */
    static final int MIN_ATOMS_PER_CHUNK = 4;

    /** Energy of atoms [from, to); their contributions to ∂E/∂R into ws.dEdR (zeroed first) when withForces. */
    private double computeRange(Workspace ws, int from, int to, boolean withForces, double[] atomEnergies) {
        int n = ws.envs.atoms();
        ws.ensureAtoms(n);
        double[] dEdR = ws.dEdR;
        if (withForces) java.util.Arrays.fill(dEdR, 0, 3 * n, 0);
        double energy = 0;
        for (int i = from; i < to; i++) {
            AtomEnvironment env = ws.envs.get(i);
            model.encode(env, ws.scratch, ws.p);
            double value;
            if (!withForces) {
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
