package org.qff.simulator;

/**
 * The gate kernels: in-place updates of a {@link StateVector}. One implementation is the plain
 * scalar reference ({@link ScalarKernels}); faster ones must give the same amplitudes to 1e-12.
 *
 * <p>Matrix conventions. A k-qubit matrix acting on {@code qubits = [q_0, …, q_(k-1)]} is indexed
 * by the local basis index Σ_j bit(q_j)·2^j (q_0 least significant), stored row-major as
 * interleaved (re, im) pairs: element (r, c) at {@code [2·(r·2^k + c)]} and {@code [2·(r·2^k + c) + 1]}.
 * A 2×2 matrix is therefore {@code {u00re, u00im, u01re, u01im, u10re, u10im, u11re, u11im}}.
 *
 * <p>Kernels do not validate: callers (the circuit layer) check qubit ranges, distinctness and
 * unitarity once, when a gate is built, not on every application.
 */
public interface GateKernels {

    /** Any 2×2 matrix on one target. */
    void dense1(StateVector s, int target, double[] u);

    /** RY(θ) = exp(−iθY/2), a real rotation: [[c, −s], [s, c]] with c = cos θ/2, s = sin θ/2. */
    void ry(StateVector s, int target, double theta);

    /** diag(d0, d1) on one target: RZ, phase, S, T. */
    void diagonal1(StateVector s, int target, double d0re, double d0im, double d1re, double d1im);

    /** A diagonal on k qubits (2^k complex entries, interleaved): CZ, controlled phase, ZZ rotation. */
    void diagonal(StateVector s, int[] qubits, double[] diag);

    /** Pauli X on the target where every control is 1 (no controls: X; one: CNOT; two: Toffoli). */
    void controlledX(StateVector s, int[] controls, int target);

    /** Exchange of two qubits. */
    void swap(StateVector s, int a, int b);

    /** A 2×2 matrix on the target where every control is 1. */
    void controlled1(StateVector s, int[] controls, int target, double[] u);

    /** Any 4×4 matrix on (q0, q1), q0 the least significant local bit. */
    void dense2(StateVector s, int q0, int q1, double[] u);

    /** Any 2^k × 2^k matrix on k ≤ 5 qubits, for fused blocks. */
    void denseK(StateVector s, int[] qubits, double[] u);

    /** Multiplies every amplitude by a real factor: one read and one write of the whole state. */
    void scale(StateVector s, double factor);
}
