package org.qff.qnn.train;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/**
 * A potential whose weights can be fitted by gradient descent: a flat parameter vector and the
 * exact gradient of a per-frame energy-and-force loss with respect to it.
 *
 * <p>Thread-safety: {@link #accumulateLossGradient} and {@link #compute} may be called from several
 * threads at once; {@link #setParameters} is called only while no other call is running.
 */
public interface TrainableModel extends Potential {

    int parameterCount();

    /** Copies the current parameters into {@code out} (length {@link #parameterCount()}). */
    void getParameters(double[] out);

    void setParameters(double[] parameters);

    /**
     * The loss of one frame, {@code w.energy()·(E − E_ref)² + w.force()·mean_k (F_k − F_ref,k)²},
     * adding its gradient with respect to the parameters into {@code gradient}.
     */
    double accumulateLossGradient(Structure structure, double energyRef, double[] forcesRef, LossWeights w, double[] gradient);

    /** Sets the per-species energy offsets ε(Z) (eV), fitted before training. */
    void setReferenceEnergies(java.util.Map<Integer, Double> offsets);

    /** The model file (JSON with a "type" field) holding every weight, readable by {@code Potentials.load}. */
    String toJson();
}
