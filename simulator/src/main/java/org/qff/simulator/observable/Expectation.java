package org.qff.simulator.observable;

import org.qff.simulator.StateVector;

/**
 * ⟨ψ|O|ψ⟩ for Pauli observables, computed on the state in place (no copy): for each basis index i,
 * P|i⟩ = phase·|i ⊕ flipMask⟩, so ⟨ψ|P|ψ⟩ = Σ_i conj(ψ_(i⊕f)) · phase(i) · ψ_i.
 */
public final class Expectation {
    private Expectation() {}

    public static double of(StateVector s, PauliSum o) {
        checkQubits(s, o);
        double sum = 0;
        for (PauliString p : o.terms()) sum += of(s, p);
        return sum;
    }

    public static double of(StateVector s, PauliString p) {
        if (p.maxQubit() >= s.qubits()) {
            throw new IllegalArgumentException("observable acts on qubit " + p.maxQubit() + " but the state has " + s.qubits() + " qubits");
        }
        long flip = p.flipMask(), zmask = p.phaseMask();
        int ys = p.yCount();
        // Y = i·X·Z: P|i⟩ = i^ys · (−1)^popcount(i & zmask) · |i ⊕ flip⟩
        double re = 0, im = 0;
        for (long i = 0; i < s.dimension(); i++) {
            long j = i ^ flip;
            double sign = (Long.bitCount(i & zmask) & 1) == 0 ? 1 : -1;
            double ar = s.re(i), ai = s.im(i), br = s.re(j), bi = s.im(j);
            // conj(b) * a
            re += sign * (br * ar + bi * ai);
            im += sign * (br * ai - bi * ar);
        }
        double value;
        switch (ys & 3) {
            case 0 -> value = re;
            case 1 -> value = -im;
            case 2 -> value = -re;
            default -> value = im;
        }
        return p.coefficient() * value;
    }

    private static void checkQubits(StateVector s, PauliSum o) {
        if (o.maxQubit() >= s.qubits()) {
            throw new IllegalArgumentException("observable acts on qubit " + o.maxQubit() + " but the state has " + s.qubits() + " qubits");
        }
    }
}
