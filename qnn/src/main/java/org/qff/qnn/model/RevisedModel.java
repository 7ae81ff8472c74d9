package org.qff.qnn.model;

import org.qff.qnn.model.circuit.Ansatz;
import org.qff.qnn.model.circuit.Topology;

import java.util.Arrays;
import java.util.List;

/**
 * After Couzinié et al. (arXiv 2505.03213): radial and angular information separated, encoding
 * vectors θ(Z_i, Z_j, r_ij)·r̂_ij with θ a learned species-pair radial function (radial basis ×
 * smooth cutoff), species-dependent exchange couplings and per-species ε and s.
 *
 * <p>Our fixed-width reading (the qubit count must not depend on the number of neighbours): every
 * qubit q and layer d carries the SUM over all neighbours within the cutoff
 * <pre>  v_(d,q) = Σ_j θ_(d,q)(Z_i, Z_j, r_ij)·r̂_ij,   θ_(d,q)(Z_i, Z_j, r) = f_c(r)·Σ_b W[Z_i, Z_j, d, q, b]·φ_b(r)</pre>
 * so no neighbour ordering enters: E is invariant under permutations of identical atoms and smooth
 * (C², from the quintic cutoff) in the coordinates, also when neighbours enter or leave the cutoff.
 * Couplings J[Z_i, d, edge] depend on the centre's species.
 *
 * <p>Implementation: features A[Z_j, b] = Σ_(j of species Z_j) g_b(r_ij)·r_ij (3-vectors, see
 * {@link RadialBasis}) are computed once per atom; v is linear in them.
 */
public final class RevisedModel extends QnnModel {
    public static final String TYPE = "qnn-revised";

    private final RadialBasis basis;
    private final int weightOffset, couplingOffset;

    public RevisedModel(int[] species, double cutoff, int qubits, int depth, Topology topology, int basisCount, double rMin,
            boolean reflectionAveraged) {
        this(species, new Ansatz(qubits, depth, topology), new RadialBasis(basisCount, rMin, cutoff), reflectionAveraged);
    }

    private RevisedModel(int[] species, Ansatz a, RadialBasis basis, boolean reflectionAveraged) {
        super(species, basis.cutoff(), a, reflectionAveraged, List.of(
                new Block("radial_weights", 0, species.length * species.length * a.depth() * a.qubits() * basis.count()),
                new Block("couplings", 0, species.length * a.depth() * a.edgeCount())));
        this.basis = basis;
        this.weightOffset = block("radial_weights").offset();
        this.couplingOffset = block("couplings").offset();
    }

    @Override public String type() { return TYPE; }

    public RadialBasis basis() { return basis; }

    private int weight(int ci, int cj, int d, int q, int b) {
        Ansatz a = ansatz();
        return weightOffset + (((ci * speciesCount() + cj) * a.depth() + d) * a.qubits() + q) * basis.count() + b;
    }

    private int coupling(int ci, int d, int e) {
        Ansatz a = ansatz();
        return couplingOffset + (ci * a.depth() + d) * a.edgeCount() + e;
    }

    @Override
    protected EncodingScratch newScratch() { return new EncodingScratch(); }

    // scratch: a = g_b(r_k) per neighbour, b = dg_b/dr, c = features A, d = feature gradients / tangents

    @Override
    protected void encode(AtomEnvironment env, EncodingScratch s, double[] p) {
        int nb = basis.count(), ns = speciesCount();
        s.a = EncodingScratch.grow(s.a, env.count() * nb);
        s.b = EncodingScratch.grow(s.b, env.count() * nb);
        s.c = EncodingScratch.grow(s.c, ns * nb * 3);
        double[] feat = s.c;
        Arrays.fill(feat, 0, ns * nb * 3, 0);
        for (int k = 0; k < env.count(); k++) {
            basis.eval(env.r(k), s.a, s.b, k * nb);
            int base = env.species(k) * nb * 3;
            for (int b = 0; b < nb; b++) {
                double g = s.a[k * nb + b];
                feat[base + 3 * b] += g * env.dx(k);
                feat[base + 3 * b + 1] += g * env.dy(k);
                feat[base + 3 * b + 2] += g * env.dz(k);
            }
        }
        contract(env.centerSpecies(), feat, p);
        Ansatz a = ansatz();
        for (int d = 0; d < a.depth(); d++) {
            for (int e = 0; e < a.edgeCount(); e++) p[a.couplingParam(d, e)] = w[coupling(env.centerSpecies(), d, e)];
        }
    }

    /** v_(d,q) = Σ_(cj,b) W[ci,cj,d,q,b]·F[cj,b] into the encoding slots of out. */
    private void contract(int ci, double[] f, double[] out) {
        Ansatz a = ansatz();
        int nb = basis.count(), ns = speciesCount();
        for (int d = 0; d < a.depth(); d++) {
            for (int q = 0; q < a.qubits(); q++) {
                double x = 0, y = 0, z = 0;
                for (int cj = 0; cj < ns; cj++) {
                    int wo = weight(ci, cj, d, q, 0), fo = cj * nb * 3;
                    for (int b = 0; b < nb; b++) {
                        double wt = w[wo + b];
                        x += wt * f[fo + 3 * b];
                        y += wt * f[fo + 3 * b + 1];
                        z += wt * f[fo + 3 * b + 2];
                    }
                }
                int o = a.encodingParam(d, q);
                out[o] = x;
                out[o + 1] = y;
                out[o + 2] = z;
            }
        }
    }

    @Override
    protected void backpropPositions(AtomEnvironment env, EncodingScratch s, double[] ga, double[] dEdR) {
        Ansatz a = ansatz();
        int nb = basis.count(), ns = speciesCount(), ci = env.centerSpecies();
        s.d = EncodingScratch.grow(s.d, ns * nb * 3);
        double[] gf = s.d;
        Arrays.fill(gf, 0, ns * nb * 3, 0);
        for (int d = 0; d < a.depth(); d++) {
            for (int q = 0; q < a.qubits(); q++) {
                int o = a.encodingParam(d, q);
                double gx = ga[o], gy = ga[o + 1], gz = ga[o + 2];
                for (int cj = 0; cj < ns; cj++) {
                    int wo = weight(ci, cj, d, q, 0), fo = cj * nb * 3;
                    for (int b = 0; b < nb; b++) {
                        double wt = w[wo + b];
                        gf[fo + 3 * b] += wt * gx;
                        gf[fo + 3 * b + 1] += wt * gy;
                        gf[fo + 3 * b + 2] += wt * gz;
                    }
                }
            }
        }
        int i = env.center();
        for (int k = 0; k < env.count(); k++) {
            int j = env.atom(k), fo = env.species(k) * nb * 3;
            double rx = env.dx(k), ry = env.dy(k), rz = env.dz(k), invR = 1 / env.r(k);
            double fx = 0, fy = 0, fz = 0;
            for (int b = 0; b < nb; b++) {
                double g = s.a[k * nb + b], dgr = s.b[k * nb + b] * invR;
                double gx = gf[fo + 3 * b], gy = gf[fo + 3 * b + 1], gz = gf[fo + 3 * b + 2];
                double proj = dgr * (gx * rx + gy * ry + gz * rz);
                fx += g * gx + proj * rx;
                fy += g * gy + proj * ry;
                fz += g * gz + proj * rz;
            }
            dEdR[3 * j] += fx;
            dEdR[3 * j + 1] += fy;
            dEdR[3 * j + 2] += fz;
            dEdR[3 * i] -= fx;
            dEdR[3 * i + 1] -= fy;
            dEdR[3 * i + 2] -= fz;
        }
    }

    /** Tangent features T[cj,b] = Σ_k D_c(g_b(r)·r) into s.e. */
    private double[] tangentFeatures(AtomEnvironment env, EncodingScratch s, double[] c) {
        int nb = basis.count(), ns = speciesCount(), i = env.center();
        s.e = EncodingScratch.grow(s.e, ns * nb * 3);
        double[] tf = s.e;
        Arrays.fill(tf, 0, ns * nb * 3, 0);
        for (int k = 0; k < env.count(); k++) {
            int j = env.atom(k), fo = env.species(k) * nb * 3;
            double ex = c[3 * j] - c[3 * i], ey = c[3 * j + 1] - c[3 * i + 1], ez = c[3 * j + 2] - c[3 * i + 2];
            double rx = env.dx(k), ry = env.dy(k), rz = env.dz(k);
            double rdot = (rx * ex + ry * ey + rz * ez) / env.r(k);
            for (int b = 0; b < nb; b++) {
                double g = s.a[k * nb + b], dg = s.b[k * nb + b] * rdot;
                tf[fo + 3 * b] += g * ex + dg * rx;
                tf[fo + 3 * b + 1] += g * ey + dg * ry;
                tf[fo + 3 * b + 2] += g * ez + dg * rz;
            }
        }
        return tf;
    }

    @Override
    protected void tangent(AtomEnvironment env, EncodingScratch s, double[] c, double[] t) {
        Arrays.fill(t, 0, ansatz().paramCount(), 0);
        contract(env.centerSpecies(), tangentFeatures(env, s, c), t);
    }

    private void outer(int ci, double[] coefficient, double[] f, double[] grad) {
        Ansatz a = ansatz();
        int nb = basis.count(), ns = speciesCount();
        for (int d = 0; d < a.depth(); d++) {
            for (int q = 0; q < a.qubits(); q++) {
                int o = a.encodingParam(d, q);
                double gx = coefficient[o], gy = coefficient[o + 1], gz = coefficient[o + 2];
                for (int cj = 0; cj < ns; cj++) {
                    int wo = weight(ci, cj, d, q, 0), fo = cj * nb * 3;
                    for (int b = 0; b < nb; b++) grad[wo + b] += gx * f[fo + 3 * b] + gy * f[fo + 3 * b + 1] + gz * f[fo + 3 * b + 2];
                }
            }
        }
    }

    @Override
    protected void backpropWeights(AtomEnvironment env, EncodingScratch s, double[] ga, double[] grad) {
        int ci = env.centerSpecies();
        outer(ci, ga, s.c, grad);
        Ansatz a = ansatz();
        for (int d = 0; d < a.depth(); d++) {
            for (int e = 0; e < a.edgeCount(); e++) grad[coupling(ci, d, e)] += ga[a.couplingParam(d, e)];
        }
    }

    @Override
    protected void backpropTangentWeights(AtomEnvironment env, EncodingScratch s, double[] c, double[] b, double[] grad) {
        outer(env.centerSpecies(), b, tangentFeatures(env, s, c), grad);
    }
}
