package org.qff.benchmarks.gradients;

import org.qff.simulator.GateKernels;
import org.qff.simulator.ScalarKernels;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;

/** The circuits and kernels the gradient benchmarks measure. */
public final class GradientCircuits {
    private GradientCircuits() {}

    /**
     * Hardware-efficient ansatz with exactly {@code params} trainables: layers of RY(θ)·RZ(θ) on every
     * qubit followed by a CZ ladder, the last layer cut short when the parameter budget is spent.
     */
    public static Circuit hardwareEfficient(int n, int params) {
        CircuitBuilder b = Circuit.builder(n);
        int p = 0;
        while (p < params) {
            for (int q = 0; q < n && p < params; q++) {
                b.ry(q, Expr.trainable("p" + p++));
                if (p < params) b.rz(q, Expr.trainable("p" + p++));
            }
            for (int q = 0; q + 1 < n; q++) b.cz(q, q + 1);
        }
        return b.build();
    }

    /**
     * A QNN-like circuit of about {@code gates} gates: per layer, an SU2 encoding on every qubit with
     * v = α·x (inputs x, trainable scale α per qubit and layer) and Heisenberg exchange on a ring
     * with trainable couplings.
     */
    public static Circuit qnnLike(int n, int gates) {
        CircuitBuilder b = Circuit.builder(n);
        int layers = Math.max(1, (int) Math.round(gates / (2.0 * n)));
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) {
                Expr a = Expr.trainable("a" + l + "_" + q);
                b.su2(q, Expr.input("x" + q).times(a), Expr.input("y" + q).times(a), Expr.input("z" + q).times(a));
            }
            for (int q = 0; q < n; q++) b.heisenberg(q, (q + 1) % n, Expr.trainable("j" + l + "_" + q));
        }
        return b.build();
    }

    /**
     * The fastest single-threaded kernels on the class path: the Vector API kernels
     * ({@code org.qff.simulator.kernel.VectorKernels.singleThreaded()}) once they are merged, else the
     * scalar reference. Looked up by name so this module builds before and after that merge.
     */
    public static GateKernels bestKernels() {
        try {
            Class<?> c = Class.forName("org.qff.simulator.kernel.VectorKernels");
            return (GateKernels) c.getMethod("singleThreaded").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return ScalarKernels.INSTANCE;
        }
    }
}
