package org.qff.qnn.model;

import org.qff.qnn.model.circuit.Ansatz;
import org.qff.qnn.model.circuit.Topology;

import java.util.Arrays;
import java.util.List;

/**
 * The architecture of Le, Kiss, Schuhmacher, Tavernelli, Tacchino (arXiv 2311.11362): one qubit per
 * neighbour slot, slots filled with the neighbours within the cutoff in order of distance (ties by
 * atom index; empty slots get v = 0), v_(d,q) = α_(d,q)·r_ij with the raw Cartesian displacement and
 * one learnable α per qubit and layer, ring exchange with one coupling per edge and layer, no species
 * information in the circuit (ε and s are still per species: they sit outside the circuit).
 *
 * <p>Invariant under rotations, translations and permutations of identical atoms (the slot order
 * depends on distances only). NOT smooth, for three reasons, all inherited from the design:
 * <ol>
 *   <li>v = α·r_ij does not vanish at the cutoff, so E jumps when a neighbour crosses r_c;</li>
 *   <li>when two neighbours' distances cross, they swap slots (with different α), so E jumps;</li>
 *   <li>with more neighbours than qubits, the farthest drop out abruptly.</li>
 * </ol>
 * Forces are exact derivatives of E between such events; MD across them does not conserve energy.
 *
 * <p>Option (off in the published design): species-pair couplings, J_(d,edge) = J[d, {Z_a, Z_b}] with
 * Z_a, Z_b the species of the neighbours in the edge's two slots (an empty slot counts as a species
 * of its own). This is the revised paper's species-dependent entanglement grafted onto the baseline,
 * for ablations: it separates the effect of species-aware couplings from that of the radial/angular
 * encoding.
 */
public final class BaselineModel extends QnnModel {
    public static final String TYPE = "qnn-baseline";

    public BaselineModel(int[] species, double cutoff, int qubits, int depth, boolean reflectionAveraged) {
        this(species, cutoff, qubits, depth, reflectionAveraged, false);
    }

    public BaselineModel(int[] species, double cutoff, int qubits, int depth, boolean reflectionAveraged, boolean speciesPairCouplings) {
        this(species, cutoff, new Ansatz(qubits, depth, Topology.RING), reflectionAveraged, speciesPairCouplings);
    }

    private BaselineModel(int[] species, double cutoff, Ansatz a, boolean reflectionAveraged, boolean speciesPairCouplings) {
        super(species, cutoff, a, reflectionAveraged, List.of(new Block("alpha", 0, a.depth() * a.qubits()),
                new Block("couplings", 0, a.depth() * (speciesPairCouplings ? pairCount(species.length) : a.edgeCount()))));
        this.speciesPairCouplings = speciesPairCouplings;
        this.alphaOffset = block("alpha").offset();
        this.couplingOffset = block("couplings").offset();
        this.edges = a.topology().edges(a.qubits());
    }

    private final boolean speciesPairCouplings;
    private final int alphaOffset, couplingOffset;
    /** The ring's edges, built once (inner loops must not allocate). */
    private final int[][] edges;

    /** Unordered pairs of S species plus "empty slot". */
    private static int pairCount(int s) { return (s + 1) * (s + 2) / 2; }

    /** Index of the unordered pair {x, y} of species slots (S = empty). */
    private static int pairIndex(int x, int y) {
        int lo = Math.min(x, y), hi = Math.max(x, y);
        return hi * (hi + 1) / 2 + lo;
    }

    /** Whether couplings depend on the species pair of the two slots (see the class comment). */
    public boolean speciesPairCouplings() { return speciesPairCouplings; }

    /** Weight index of layer d's coupling for edge e in this environment. */
    private int couplingWeight(AtomEnvironment env, int d, int e) {
        if (!speciesPairCouplings) return coupling(d, e);
        int[] edge = edges[e];
        int filled = slots(env), none = speciesCount();
        int sa = edge[0] < filled ? env.species(edge[0]) : none, sb = edge[1] < filled ? env.species(edge[1]) : none;
        return couplingOffset + d * pairCount(speciesCount()) + pairIndex(sa, sb);
    }


    @Override public String type() { return TYPE; }

    private int alpha(int d, int q) { return alphaOffset + d * ansatz().qubits() + q; }

    private int coupling(int d, int e) { return couplingOffset + d * ansatz().edgeCount() + e; }

    /** Slots are filled nearest first, so the model needs its neighbours sorted by distance. */
    @Override protected boolean sortsNeighbours() { return true; }

    @Override protected EncodingScratch newScratch() { return new EncodingScratch(); }

    private int slots(AtomEnvironment env) { return Math.min(env.count(), ansatz().qubits()); }

    @Override
    protected void encode(AtomEnvironment env, EncodingScratch s, double[] p) {
        Ansatz a = ansatz();
        Arrays.fill(p, 0, a.paramCount(), 0);
        int filled = slots(env);
        for (int d = 0; d < a.depth(); d++) {
            for (int q = 0; q < filled; q++) {
                double al = w[alpha(d, q)];
                int o = a.encodingParam(d, q);
                p[o] = al * env.dx(q);
                p[o + 1] = al * env.dy(q);
                p[o + 2] = al * env.dz(q);
            }
            for (int e = 0; e < a.edgeCount(); e++) p[a.couplingParam(d, e)] = w[couplingWeight(env, d, e)];
        }
    }

    @Override
    protected void backpropPositions(AtomEnvironment env, EncodingScratch s, double[] ga, double[] dEdR) {
        Ansatz a = ansatz();
        int i = env.center(), filled = slots(env);
        for (int q = 0; q < filled; q++) {
            int j = env.atom(q);
            for (int d = 0; d < a.depth(); d++) {
                double al = w[alpha(d, q)];
                int o = a.encodingParam(d, q);
                for (int x = 0; x < 3; x++) {
                    double f = al * ga[o + x];
                    dEdR[3 * j + x] += f;
                    dEdR[3 * i + x] -= f;
                }
            }
        }
    }

    @Override
    protected void tangent(AtomEnvironment env, EncodingScratch s, double[] c, double[] t) {
        Ansatz a = ansatz();
        Arrays.fill(t, 0, a.paramCount(), 0);
        int i = env.center(), filled = slots(env);
        for (int q = 0; q < filled; q++) {
            int j = env.atom(q);
            for (int d = 0; d < a.depth(); d++) {
                double al = w[alpha(d, q)];
                int o = a.encodingParam(d, q);
                for (int x = 0; x < 3; x++) t[o + x] = al * (c[3 * j + x] - c[3 * i + x]);
            }
        }
    }

    @Override
    protected void backpropWeights(AtomEnvironment env, EncodingScratch s, double[] ga, double[] grad) {
        Ansatz a = ansatz();
        int filled = slots(env);
        for (int d = 0; d < a.depth(); d++) {
            for (int q = 0; q < filled; q++) {
                int o = a.encodingParam(d, q);
                grad[alpha(d, q)] += ga[o] * env.dx(q) + ga[o + 1] * env.dy(q) + ga[o + 2] * env.dz(q);
            }
            for (int e = 0; e < a.edgeCount(); e++) grad[couplingWeight(env, d, e)] += ga[a.couplingParam(d, e)];
        }
    }

    @Override
    protected void backpropTangentWeights(AtomEnvironment env, EncodingScratch s, double[] c, double[] b, double[] grad) {
        Ansatz a = ansatz();
        int i = env.center(), filled = slots(env);
        for (int q = 0; q < filled; q++) {
            int j = env.atom(q);
            for (int d = 0; d < a.depth(); d++) {
                int o = a.encodingParam(d, q);
                double sum = 0;
                for (int x = 0; x < 3; x++) sum += b[o + x] * (c[3 * j + x] - c[3 * i + x]);
                grad[alpha(d, q)] += sum;
            }
        }
    }
}
