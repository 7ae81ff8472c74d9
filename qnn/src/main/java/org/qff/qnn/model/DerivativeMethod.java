package org.qff.qnn.model;

/** How ∂⟨O⟩/∂p is obtained for forces. */
public enum DerivativeMethod {
    /** Adjoint sweep on the simulated state: one forward and one backward pass (the default). */
    ADJOINT,
    /** Shifted circuit evaluations only, as on quantum hardware (2 per exchange gate, 6 per SU(2) gate). */
    PARAMETER_SHIFT
}
