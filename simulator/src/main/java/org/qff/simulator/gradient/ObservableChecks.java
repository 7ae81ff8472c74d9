package org.qff.simulator.gradient;

import java.util.List;
import org.qff.simulator.observable.PauliString;
import org.qff.simulator.observable.PauliSum;

/**
 * Validation of observables on the hot path of every evaluation, without allocating: the message
 * (with the observable's index) is only built when the check fails, and the largest qubit is found
 * by plain loops ({@link PauliString#maxQubit()} uses a stream, which allocates on every call).
 */
public final class ObservableChecks {
    private ObservableChecks() {}

    /** Largest qubit any term touches, −1 for a multiple of the identity. */
    public static int maxQubit(PauliSum o) {
        List<PauliString> terms = o.terms();
        int m = -1;
        for (int t = 0; t < terms.size(); t++) {
            int[] q = terms.get(t).qubits();
            for (int j = 0; j < q.length; j++) m = Math.max(m, q[j]);
        }
        return m;
    }

    /**
     * Throws, naming the observable ("observable" or "observable i" when index ≥ 0) and the qubit,
     * if o is null or acts beyond the circuit's {@code qubits} qubits.
     */
    public static void check(PauliSum o, int index, int qubits) {
        if (o == null) throw new IllegalArgumentException(name(index) + " is null");
        int m = maxQubit(o);
        if (m >= qubits) {
            throw new IllegalArgumentException(name(index) + " acts on qubit " + m + " but the circuit has "
                    + qubits + " qubits (0.." + (qubits - 1) + ")");
        }
    }

    private static String name(int index) {
        return index < 0 ? "observable" : "observable " + index;
    }
}
