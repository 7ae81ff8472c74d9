package org.qff.qnn.model.circuit;

/**
 * ⟨O⟩ of a parameterised circuit and its exact derivatives with respect to the parameter vector p.
 * The seam between QNN models and whatever simulates the circuit. Implementations are scratch
 * spaces: one per thread.
 */
public interface CircuitEvaluator {

    int paramCount();

    /** ⟨O⟩(p). */
    double value(double[] p);

    /** ⟨O⟩; overwrites grad[0..paramCount) with ∂⟨O⟩/∂p (adjoint method). */
    double gradient(double[] p, double[] grad);

    /** ⟨O⟩, gradient (overwritten) and hT = H·t = ∂(D_t⟨O⟩)/∂p (overwritten). */
    double hessianVector(double[] p, double[] t, double[] grad, double[] hT);

    /** ⟨O⟩ and ∂⟨O⟩/∂p (overwritten) from shifted circuit evaluations only. */
    double parameterShiftGradient(double[] p, double[] grad);
}
