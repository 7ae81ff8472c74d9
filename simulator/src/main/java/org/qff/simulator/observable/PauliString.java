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
