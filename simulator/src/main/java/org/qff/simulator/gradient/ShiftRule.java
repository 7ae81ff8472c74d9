package org.qff.simulator.gradient;

import org.qff.simulator.circuit.GateKind;

/**
 * A parameter-shift rule for one gate argument a: f'(a) = Σ_i c_i·[f(a + s_i) − f(a − s_i)], exact
 * for every f(a) = ⟨ψ|U(a)†…O…U(a)|ψ⟩ whose frequencies are the generator's eigenvalue gaps.
 *
 * <p>Derivation. If U(a) = exp(−iaG) and G has eigenvalues {g_k}, f is a trigonometric polynomial
 * f(a) = b₀ + Σ_Ω (b_Ω cos Ωa + c_Ω sin Ωa) over the distinct positive gaps Ω = g_k − g_l. Then
 * f(a+s) − f(a−s) = Σ_Ω 2 sin(Ωs)/Ω · f'_Ω(a), where f'_Ω is the Ω part of f'. A rule is any
 * (c_i, s_i) with Σ_i c_i·2 sin(Ω s_i)/Ω = 1 for every gap Ω.
 * <ul>
 *   <li>One gap Ω (two eigenvalues, or several eigenvalues with one non-zero gap): s = π/(2Ω),
 *       c = Ω/2. Pauli rotations exp(−iθP/2) (RX, RY, RZ, RXX, RYY, RZZ), PHASE diag(1, e^{iλ})
 *       = exp(−iλ(−|1⟩⟨1|)), CPHASE: Ω = 1, so f' = ½[f(a + π/2) − f(a − π/2)].</li>
 *   <li>Heisenberg exchange exp(−iJ(XX+YY+ZZ)): XX+YY+ZZ = 2·SWAP − I has eigenvalues 1, 1, 1
 *       (triplet) and −3 (singlet). The gaps are 0 (no frequency) and 4, so f(J) = b₀ + b cos 4J +
 *       c sin 4J and f' = (4/2)[f(J + π/8) − f(J − π/8)] = 2[f(J + π/8) − f(J − π/8)].</li>
 *   <li>Controlled rotations CRX, CRY, CRZ: G = |1⟩⟨1|⊗σ/2 has eigenvalues 0, 0, ±½, gaps ½ and 1.
 *       With s = π/2, 3π/2 the conditions 2√2(c₁ + c₂) = 1 (Ω = ½) and 2(c₁ − c₂) = 1 (Ω = 1) give
 *       c₁ = (√2 + 1)/(4√2), c₂ = −(√2 − 1)/(4√2): the four-term rule.</li>
 * </ul>
 * Gates that are matrix functions rather than exp(−iaG) with a fixed G (SU2, U3, U2, CU3) use
 * {@link #EFFECTIVE_GENERATOR}: see {@link ParameterShift}.
 */
public record ShiftRule(String name, double[] shifts, double[] coefficients) {

    public static final ShiftRule PAULI = new ShiftRule("two-term, gap 1", new double[] {Math.PI / 2}, new double[] {0.5});
    public static final ShiftRule HEISENBERG = new ShiftRule("two-term, gap 4", new double[] {Math.PI / 8}, new double[] {2.0});
    public static final ShiftRule CONTROLLED = new ShiftRule("four-term, gaps 1/2 and 1",
            new double[] {Math.PI / 2, 3 * Math.PI / 2},
            new double[] {(Math.sqrt(2) + 1) / (4 * Math.sqrt(2)), -(Math.sqrt(2) - 1) / (4 * Math.sqrt(2))});
    /** Marker: derivative through Pauli rotations inserted after the gate (no fixed argument shift). */
    public static final ShiftRule EFFECTIVE_GENERATOR = new ShiftRule("effective generator, Pauli-decomposed", new double[0], new double[0]);

    /** The rule for a kind's arguments; throws naming the kind if none is known. */
    public static ShiftRule of(GateKind kind) {
        return switch (kind) {
            case RX, RY, RZ, RXX, RYY, RZZ, PHASE, CPHASE -> PAULI;
            case HEISENBERG -> HEISENBERG;
            case CRX, CRY, CRZ -> CONTROLLED;
            case U2, U3, CU3, SU2 -> EFFECTIVE_GENERATOR;
            default -> throw new UnsupportedOperationException("no parameter-shift rule is known for gate kind " + kind
                    + (kind.isParameterised() ? "" : " (it has no arguments)"));
        };
    }
}
