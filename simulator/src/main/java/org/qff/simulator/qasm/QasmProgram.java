package org.qff.simulator.qasm;

import java.util.List;
import org.qff.simulator.circuit.Circuit;

/**
 * An imported OpenQASM 2.0 program: the circuit over all quantum registers flattened in
 * declaration order (the first register's qubit 0 is circuit qubit 0), the registers, and where
 * the final measurements put each qubit ({@code clbitOfQubit[q]}, −1 when q is not measured).
 */
public record QasmProgram(Circuit circuit, List<Register> quantumRegisters, List<Register> classicalRegisters, int[] clbitOfQubit) {

    /** A register and its first index in the flattened numbering. */
    public record Register(String name, int offset, int size) {}

    public QasmProgram {
        quantumRegisters = List.copyOf(quantumRegisters);
        classicalRegisters = List.copyOf(classicalRegisters);
        clbitOfQubit = clbitOfQubit.clone();
    }

    public int clbits() {
        return classicalRegisters.stream().mapToInt(Register::size).sum();
    }

    public boolean measures() {
        for (int c : clbitOfQubit) if (c >= 0) return true;
        return false;
    }

    /** The classical bits the measurements write for a measured basis state (unmeasured bits read 0). */
    public long classicalOutcome(long basisIndex) {
        long out = 0;
        for (int q = 0; q < clbitOfQubit.length; q++) {
            if (clbitOfQubit[q] >= 0 && ((basisIndex >> q) & 1) != 0) out |= 1L << clbitOfQubit[q];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QasmProgram p && p.circuit == circuit && p.quantumRegisters.equals(quantumRegisters)
                && p.classicalRegisters.equals(classicalRegisters) && java.util.Arrays.equals(p.clbitOfQubit, clbitOfQubit);
    }

    @Override
    public int hashCode() {
        return circuit.hashCode() * 31 + java.util.Arrays.hashCode(clbitOfQubit);
    }

    @Override
    public String toString() {
        return "QasmProgram[" + circuit + ", qregs " + quantumRegisters + ", cregs " + classicalRegisters + "]";
    }
}
