package org.qff.simulator.qasm;

import java.util.Map;
import org.qff.simulator.circuit.GateKind;

/**
 * The built-in gates: OpenQASM's U and CX and the qelib1.inc library, each mapped to a circuit
 * gate kind with the same argument and qubit order. Matrices are Qiskit's (rz = exp(−iλZ/2),
 * rzz = exp(−iθZZ/2), …); qelib1.inc's own decompositions of rz, u1-based gates and rzz differ
 * from these only by a global phase.
 */
final class QelibGates {
    private QelibGates() {}

    static final Map<String, GateKind> GATES = Map.ofEntries(
            Map.entry("U", GateKind.U3), Map.entry("CX", GateKind.CX),
            Map.entry("u3", GateKind.U3), Map.entry("u", GateKind.U3), Map.entry("u2", GateKind.U2),
            Map.entry("u1", GateKind.PHASE), Map.entry("p", GateKind.PHASE),
            Map.entry("id", GateKind.I), Map.entry("x", GateKind.X), Map.entry("y", GateKind.Y), Map.entry("z", GateKind.Z),
            Map.entry("h", GateKind.H), Map.entry("s", GateKind.S), Map.entry("sdg", GateKind.SDG),
            Map.entry("t", GateKind.T), Map.entry("tdg", GateKind.TDG), Map.entry("sx", GateKind.SX),
            Map.entry("rx", GateKind.RX), Map.entry("ry", GateKind.RY), Map.entry("rz", GateKind.RZ),
            Map.entry("cx", GateKind.CX), Map.entry("cy", GateKind.CY), Map.entry("cz", GateKind.CZ), Map.entry("ch", GateKind.CH),
            Map.entry("swap", GateKind.SWAP), Map.entry("ccx", GateKind.CCX), Map.entry("cswap", GateKind.CSWAP),
            Map.entry("crx", GateKind.CRX), Map.entry("cry", GateKind.CRY), Map.entry("crz", GateKind.CRZ),
            Map.entry("cu1", GateKind.CPHASE), Map.entry("cp", GateKind.CPHASE), Map.entry("cu3", GateKind.CU3),
            Map.entry("rxx", GateKind.RXX), Map.entry("ryy", GateKind.RYY), Map.entry("rzz", GateKind.RZZ));
}
