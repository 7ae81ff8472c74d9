package org.qff.qnn.model;

/** Which simulator evaluates a model's circuits. Both are exact; they differ in speed only. */
public enum CircuitBackend {
    /** {@link org.qff.qnn.model.circuit.SmallCircuitEngine}: specialised for singlet/SU(2)/exchange circuits on plain arrays (default). */
    SMALL_ENGINE,
    /**
     * {@link org.qff.qnn.model.circuit.SimulatorEvaluator}: the general simulator's adjoint and
     * parameter-shift evaluators. For cross-checks and comparisons: its per-thread states live in
     * shared arenas that are released only when closed, i.e. a few kB per thread and potential.
     */
    GENERAL_SIMULATOR
}
