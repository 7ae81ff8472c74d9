package org.qff.simulator.observable;

import java.util.Arrays;

/**
 * A real coefficient times a tensor product of Pauli operators on distinct qubits, e.g. 0.5·X0·Z3.
 * Immutable. Qubits not named carry the identity.
 */
public record PauliString(double coefficient, int[] qubits, char[] paulis) {

    public PauliString {
        if (qubits.length != paulis.length) throw new IllegalArgumentException("qubits and Pauli letters differ in length");
        if (!Double.isFinite(coefficient)) throw new IllegalArgumentException("coefficient is not finite: " + coefficient);
        qubits = qubits.clone();
        paulis = paulis.clone();
        for (int i = 0; i < qubits.length; i++) {
            if (qubits[i] < 0) throw new IllegalArgumentException("negative qubit index " + qubits[i]);
            char p = paulis[i];
            if (p != 'X' && p != 'Y' && p != 'Z') throw new IllegalArgumentException("not a Pauli letter: '" + p + "'");
            for (int j = 0; j < i; j++) {
                if (qubits[j] == qubits[i]) throw new IllegalArgumentException("qubit " + qubits[i] + " appears twice in one Pauli string");
            }
        }
    }

    /**
     * Bit mask of the qubits carrying X or Y: the basis-index bits the string flips. With
     * {@link #phaseMask()} and {@link #yCount()}, Y = i·X·Z gives
     * P|j⟩ = i^(yCount) · (−1)^popcount(j ∧ phaseMask) · |j ⊕ flipMask⟩, which every kernel that
     * applies or measures a Pauli string in place uses.
     */
    public long flipMask() {
        long m = 0;
        for (int k = 0; k < qubits.length; k++) if (paulis[k] != 'Z') m |= 1L << qubits[k];
        return m;
    }

    /** Bit mask of the qubits carrying Z or Y: the bits that decide the sign. */
    public long phaseMask() {
        long m = 0;
        for (int k = 0; k < qubits.length; k++) if (paulis[k] != 'X') m |= 1L << qubits[k];
        return m;
    }

    /** How many Y factors the string has (each contributes a factor i). */
    public int yCount() {
        int c = 0;
        for (char p : paulis) if (p == 'Y') c++;
        return c;
    }

    /** The largest qubit index this string touches, or −1 for a multiple of the identity. */
    public int maxQubit() {
        return Arrays.stream(qubits).max().orElse(-1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(coefficient);
        for (int i = 0; i < qubits.length; i++) sb.append(' ').append(paulis[i]).append(qubits[i]);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PauliString p && p.coefficient == coefficient && Arrays.equals(p.qubits, qubits) && Arrays.equals(p.paulis, paulis);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(coefficient) * 31 + Arrays.hashCode(qubits) * 17 + Arrays.hashCode(paulis);
    }
}
