package org.qff.simulator.circuit;

/**
 * Every gate the circuit layer knows, with its qubit count and argument count. Qubit order in a
 * gate: controls first, then targets (CX: [control, target]; CCX: [c0, c1, target]).
 * Matrices follow the {@link org.qff.simulator.GateKernels} convention (first listed qubit is the
 * least significant local bit); {@link GateMatrices} builds them.
 */
public enum GateKind {
    I(1, 0), H(1, 0), X(1, 0), Y(1, 0), Z(1, 0), S(1, 0), SDG(1, 0), T(1, 0), TDG(1, 0), SX(1, 0),
    /** exp(−iθX/2) */ RX(1, 1),
    /** exp(−iθY/2) */ RY(1, 1),
    /** exp(−iθZ/2) */ RZ(1, 1),
    /** diag(1, e^{iλ}) (OpenQASM u1) */ PHASE(1, 1),
    /** OpenQASM u2(φ, λ) */ U2(1, 2),
    /** OpenQASM u3(θ, φ, λ) */ U3(1, 3),
    /** SU(2) encoding exp(−i v·σ/2), v = (vx, vy, vz): rotation-equivariant */ SU2(1, 3),
    CX(2, 0), CY(2, 0), CZ(2, 0), CH(2, 0), SWAP(2, 0),
    CRX(2, 1), CRY(2, 1), CRZ(2, 1),
    /** controlled phase diag(1,1,1,e^{iλ}) (OpenQASM cu1) */ CPHASE(2, 1),
    CU3(2, 3),
    /** exp(−iθ XX/2) */ RXX(2, 1),
    /** exp(−iθ YY/2) */ RYY(2, 1),
    /** exp(−iθ ZZ/2) */ RZZ(2, 1),
    /** Heisenberg exchange exp(−iJ(XX+YY+ZZ)): commutes with global SU(2) */ HEISENBERG(2, 1),
    CCX(3, 0), CSWAP(3, 0),
    /** A fixed unitary on any number of qubits (≤ 5), given as a matrix. */
    UNITARY(-1, 0);

    private final int qubits;
    private final int args;

    GateKind(int qubits, int args) {
        this.qubits = qubits;
        this.args = args;
    }

    /** Number of qubits, or −1 when the gate's matrix decides (UNITARY). */
    public int qubits() { return qubits; }

    public int args() { return args; }

    public boolean isParameterised() { return args > 0; }
}
