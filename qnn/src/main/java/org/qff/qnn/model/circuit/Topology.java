package org.qff.qnn.model.circuit;

/** Which qubit pairs an exchange layer couples. */
public enum Topology {
    /** (0,1), (1,2), …, (Q−1,0); a single edge for two qubits. */
    RING,
    /** Every pair a &lt; b. */
    ALL_PAIRS;

    public int[][] edges(int qubits) {
        if (qubits < 2) throw new IllegalArgumentException("exchange needs at least 2 qubits, got " + qubits);
        if (this == RING) {
            if (qubits == 2) return new int[][] {{0, 1}};
            int[][] e = new int[qubits][];
            for (int q = 0; q < qubits; q++) e[q] = new int[] {q, (q + 1) % qubits};
            return e;
        }
        int[][] e = new int[qubits * (qubits - 1) / 2][];
        int k = 0;
        for (int a = 0; a < qubits; a++) for (int b = a + 1; b < qubits; b++) e[k++] = new int[] {a, b};
        return e;
    }

    /** Number of edges, without building them (called in inner loops). */
    public int edgeCount(int qubits) {
        if (qubits < 2) throw new IllegalArgumentException("exchange needs at least 2 qubits, got " + qubits);
        return this == RING ? (qubits == 2 ? 1 : qubits) : qubits * (qubits - 1) / 2;
    }

    /** "ring" / "all-pairs", as written in model files. */
    public String label() { return this == RING ? "ring" : "all-pairs"; }

    public static Topology parse(String s) {
        return switch (s) {
            case "ring" -> RING;
            case "all-pairs" -> ALL_PAIRS;
            default -> throw new IllegalArgumentException("unknown exchange topology \"" + s + "\" (known: ring, all-pairs)");
        };
    }
}
