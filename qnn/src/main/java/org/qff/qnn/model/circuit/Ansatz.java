package org.qff.qnn.model.circuit;

/**
 * The data re-uploading ansatz both published architectures use, as a reusable building block:
 * singlet pairs (0,1), (2,3), …; then D times [an SU(2) encoding gate on every qubit, an exchange
 * layer over the topology's edges]; observed by (1/E)·Σ_edges σ_a·σ_b (so ⟨O⟩ ∈ [−3, 1]).
 *
 * <p>Parameter layout: v of qubit q in layer d at 3·(d·Q + q) .. +2 ({@link #encodingParam}), then
 * the coupling of edge e in layer d at 3·D·Q + d·E + e ({@link #couplingParam}).
 */
public record Ansatz(int qubits, int depth, Topology topology) {

    public Ansatz {
        if (qubits < 2 || qubits % 2 != 0 || qubits > 16) {
            throw new IllegalArgumentException("qubits must be even and in 2..16 (singlet pairs), got " + qubits);
        }
        if (depth < 1 || depth > 32) throw new IllegalArgumentException("depth must be in 1..32, got " + depth);
    }

    public int edgeCount() { return topology.edgeCount(qubits); }

    public int encodingParam(int layer, int qubit) { return 3 * (layer * qubits + qubit); }

    public int couplingParam(int layer, int edge) { return 3 * depth * qubits + layer * edgeCount() + edge; }

    public int paramCount() { return 3 * depth * qubits + depth * edgeCount(); }

    public QnnCircuit build() {
        int[][] edges = topology.edges(qubits);
        QnnCircuit.Builder b = QnnCircuit.builder(qubits).singletPairs();
        for (int d = 0; d < depth; d++) {
            for (int q = 0; q < qubits; q++) b.su2(q, encodingParam(d, q));
            for (int e = 0; e < edges.length; e++) b.exchange(edges[e][0], edges[e][1], couplingParam(d, e));
        }
        for (int[] e : edges) b.observePair(e[0], e[1], 1.0 / edges.length);
        return b.parameters(paramCount()).build();
    }
}
