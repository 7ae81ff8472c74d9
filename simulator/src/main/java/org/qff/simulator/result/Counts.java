package org.qff.simulator.result;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Measurement outcomes: basis index → number of shots. Bit strings are written with qubit n−1
 * leftmost (so qubit 0 is the last character), as Qiskit prints them.
 */
public record Counts(int qubits, long shots, SortedMap<Long, Long> byIndex) {

    public Counts {
        byIndex = Collections.unmodifiableSortedMap(new TreeMap<>(byIndex));
    }

    public long count(long index) {
        return byIndex.getOrDefault(index, 0L);
    }

    /** Outcomes keyed by bit string, in index order. */
    public SortedMap<String, Long> byBitString() {
        SortedMap<String, Long> m = new TreeMap<>();
        for (Map.Entry<Long, Long> e : byIndex.entrySet()) m.put(bitString(e.getKey(), qubits), e.getValue());
        return m;
    }

    public static String bitString(long index, int width) {
        StringBuilder sb = new StringBuilder(width);
        for (int q = width - 1; q >= 0; q--) sb.append(((index >> q) & 1) == 0 ? '0' : '1');
        return sb.toString();
    }
}
