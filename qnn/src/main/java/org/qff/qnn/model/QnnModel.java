package org.qff.qnn.model;

import org.qff.qnn.atoms.Elements;
import org.qff.qnn.model.circuit.Ansatz;
import org.qff.qnn.model.circuit.QnnCircuit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An equivariant QNN potential's architecture and weights: E = Σ_i ε(Z_i) + s(Z_i)·⟨O⟩_i where ⟨O⟩_i
 * is the {@link Ansatz} circuit evaluated at parameters p_i = P(environment of i, weights).
 *
 * <p>Every weight lives in one flat vector (get/set with {@link #getParameters}/{@link #setParameters})
 * laid out in named {@link Block}s: ε per species, s per species, then the architecture's own blocks.
 * P is linear in the weights for both architectures, which keeps the chain rule in the subclasses short.
 *
 * <p>Subclasses supply the encoding map P and its derivatives: VJPs with respect to positions and
 * weights, the directional derivative t = D_c P along a displacement c, and the weight-VJP of t (the
 * second-order term of a force loss). A new architecture extends this class; the two published ones
 * are {@link BaselineModel} and {@link RevisedModel}. Not safe to mutate while another thread evaluates.
 */
public abstract class QnnModel {

    /** A named slice of the flat weight vector. */
    public record Block(String name, int offset, int length) {}

    private final int[] species;
    private final int[] speciesIndex = new int[128];
    private final double cutoff;
    private final Ansatz ansatz;
    private final QnnCircuit circuit;
    private final List<Block> blocks;
    protected final double[] w;

    private final boolean reflectionAveraged;

    protected QnnModel(int[] species, double cutoff, Ansatz ansatz, boolean reflectionAveraged, List<Block> archBlocks) {
        this.reflectionAveraged = reflectionAveraged;
        if (species.length == 0) throw new IllegalArgumentException("a model needs at least one species");
        this.species = species.clone();
        Arrays.fill(speciesIndex, -1);
        for (int k = 0; k < species.length; k++) {
            int z = species[k];
            if (!Elements.isKnown(z)) throw new IllegalArgumentException("species " + k + " has unknown atomic number " + z);
            if (speciesIndex[z] >= 0) throw new IllegalArgumentException("species " + z + " is listed twice");
            speciesIndex[z] = k;
        }
        if (!(cutoff > 0) || !Double.isFinite(cutoff) || cutoff > 20) {
            throw new IllegalArgumentException("cutoff must be in (0, 20] Å, got " + cutoff);
        }
        this.cutoff = cutoff;
        this.ansatz = ansatz;
        this.circuit = ansatz.build();
        List<Block> all = new ArrayList<>();
        int s = species.length;
        all.add(new Block("epsilon_eV", 0, s));
        all.add(new Block("scale_eV", s, s));
        int off = 2 * s;
        for (Block b : archBlocks) {
            all.add(new Block(b.name(), off, b.length()));
            off += b.length();
        }
        this.blocks = List.copyOf(all);
        this.w = new double[off];
        Arrays.fill(w, s, 2 * s, 1.0);
    }

    /** "qnn-baseline" or "qnn-revised": the model file's type. */
    public abstract String type();

    public double cutoff() { return cutoff; }

    /**
     * Whether ⟨O⟩ is averaged over v and −v ({@link org.qff.qnn.model.circuit.ReflectionAveraged}) so
     * the energy is invariant under reflections too; false reproduces the published (chiral) circuits.
     */
    public boolean reflectionAveraged() { return reflectionAveraged; }

    /** The circuit evaluator this model's energies use (one per thread). */
    protected org.qff.qnn.model.circuit.CircuitEvaluator newEvaluator(CircuitBackend backend) {
        org.qff.qnn.model.circuit.CircuitEvaluator engine = backend == CircuitBackend.SMALL_ENGINE
                ? new org.qff.qnn.model.circuit.SmallCircuitEngine(circuit)
                : new org.qff.qnn.model.circuit.SimulatorEvaluator(circuit);
        return reflectionAveraged ? new org.qff.qnn.model.circuit.ReflectionAveraged(engine, 3 * ansatz.depth() * ansatz.qubits()) : engine;
    }

    public Ansatz ansatz() { return ansatz; }

    public QnnCircuit circuit() { return circuit; }

    public int[] species() { return species.clone(); }

    public int speciesCount() { return species.length; }

    /** Index of atomic number z in {@link #species()}, or −1. */
    public int speciesIndex(int z) { return z >= 0 && z < speciesIndex.length ? speciesIndex[z] : -1; }

    public boolean covers(int z) { return speciesIndex(z) >= 0; }

    String speciesSymbols() {
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < species.length; k++) sb.append(k > 0 ? ", " : "").append(Elements.symbol(species[k]));
        return sb.append('}').toString();
    }

    public List<Block> blocks() { return blocks; }

    public Block block(String name) {
        for (Block b : blocks) if (b.name().equals(name)) return b;
        throw new IllegalArgumentException("model has no weight block \"" + name + "\"");
    }

    public int parameterCount() { return w.length; }

    public double[] getParameters() { return w.clone(); }

    public void getParameters(double[] out) {
        checkLength(out);
        System.arraycopy(w, 0, out, 0, w.length);
    }

    /** Replaces every weight; rejects a wrong length or a non-finite value naming its block and index. */
    public void setParameters(double[] values) {
        checkLength(values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) throw new IllegalArgumentException("weight " + parameterName(i) + " = " + values[i] + " is not finite");
        }
        System.arraycopy(values, 0, w, 0, w.length);
    }

    private void checkLength(double[] a) {
        if (a.length != w.length) throw new IllegalArgumentException("model has " + w.length + " weights, array has " + a.length);
    }

    /** e.g. "scale_eV[2]". */
    public String parameterName(int i) {
        for (Block b : blocks) if (i >= b.offset() && i < b.offset() + b.length()) return b.name() + "[" + (i - b.offset()) + "]";
        throw new IndexOutOfBoundsException("weight index " + i + " outside 0.." + (w.length - 1));
    }

    public double epsilon(int speciesSlot) { return w[speciesSlot]; }

    public double scale(int speciesSlot) { return w[species.length + speciesSlot]; }

    /** Sets ε for an element (eV), e.g. from a per-species linear fit of reference energies. */
    public void setEpsilon(int atomicNumber, double eV) {
        w[slotOf(atomicNumber)] = checkFinite(eV, "epsilon");
    }

    /** Sets the energy scale s for an element (eV). */
    public void setScale(int atomicNumber, double eV) {
        w[species.length + slotOf(atomicNumber)] = checkFinite(eV, "scale");
    }

    private int slotOf(int z) {
        int k = speciesIndex(z);
        if (k < 0) throw new IllegalArgumentException("the model covers " + speciesSymbols() + ", not atomic number " + z);
        return k;
    }

    private static double checkFinite(double v, String what) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " must be finite, got " + v);
        return v;
    }

    int epsilonOffset() { return 0; }

    int scaleOffset() { return species.length; }

    /** Whether {@link Environments} must sort each atom's neighbours by distance before encoding. */
    protected boolean sortsNeighbours() { return false; }

    /** Per-thread scratch the encoding map needs. */
    protected abstract EncodingScratch newScratch();

    /** p ← P(env). */
    protected abstract void encode(AtomEnvironment env, EncodingScratch s, double[] p);

    /** dEdR[3j+x] += Σ_m a_m ∂p_m/∂R_(j,x) (p encoded for env into s just before). */
    protected abstract void backpropPositions(AtomEnvironment env, EncodingScratch s, double[] a, double[] dEdR);

    /** t ← Σ_(j,x) c[3j+x] ∂p/∂R_(j,x). */
    protected abstract void tangent(AtomEnvironment env, EncodingScratch s, double[] c, double[] t);

    /** grad[w] += Σ_m a_m ∂p_m/∂w (the circuit-parameter part; ε and s are handled by the caller). */
    protected abstract void backpropWeights(AtomEnvironment env, EncodingScratch s, double[] a, double[] grad);

    /** grad[w] += Σ_m b_m ∂t_m/∂w with t the tangent along c. */
    protected abstract void backpropTangentWeights(AtomEnvironment env, EncodingScratch s, double[] c, double[] b, double[] grad);

    /** Growable per-thread arrays for an encoding map. */
    public static final class EncodingScratch {
        public double[] a = new double[0], b = new double[0], c = new double[0], d = new double[0], e = new double[0];

        public static double[] grow(double[] x, int n) { return x.length >= n ? x : new double[Math.max(n, 2 * x.length)]; }
    }

    @Override
    public String toString() {
        return type() + "[species " + speciesSymbols() + ", " + ansatz.qubits() + " qubits, depth " + ansatz.depth() + ", cutoff " + cutoff + " Å, "
                + w.length + " weights" + (reflectionAveraged ? ", reflection-averaged" : "") + "]";
    }
}
