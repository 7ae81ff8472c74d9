package org.qff.qnn.model.circuit;

/**
 * f̄(p) = ½[f(p) + f(P·p)] with P negating the first {@code vectorParams} entries (the encoding
 * vectors) and keeping the rest (couplings).
 *
 * <p>Why: SU(2) represents proper rotations only. A circuit of SU(2) encodings, exchange and singlets
 * is invariant under rotations but in general not under inversion v → −v: its ⟨O⟩ contains
 * pseudoscalars such as v_a·(v_b × v_c), so it tells a molecule from its mirror image. Averaging over
 * v and −v makes ⟨O⟩ invariant under the full O(3) at twice the cost; every derivative follows by the
 * chain rule (P is linear and P² = 1).
 */
public final class ReflectionAveraged implements CircuitEvaluator {
    private final CircuitEvaluator inner;
    private final int vectorParams;
    private final double[] q, g2, t2, h2;

    public ReflectionAveraged(CircuitEvaluator inner, int vectorParams) {
        if (vectorParams < 0 || vectorParams > inner.paramCount()) {
            throw new IllegalArgumentException("vector parameter count " + vectorParams + " outside 0.." + inner.paramCount());
        }
        this.inner = inner;
        this.vectorParams = vectorParams;
        int n = inner.paramCount();
        q = new double[n];
        g2 = new double[n];
        t2 = new double[n];
        h2 = new double[n];
    }

    @Override public int paramCount() { return inner.paramCount(); }

    private void mirror(double[] src, double[] dst) {
        int n = paramCount();
        for (int i = 0; i < n; i++) dst[i] = i < vectorParams ? -src[i] : src[i];
    }

    /** a ← ½(a + P·b). */
    private void average(double[] a, double[] b) {
        int n = paramCount();
        for (int i = 0; i < n; i++) a[i] = 0.5 * (a[i] + (i < vectorParams ? -b[i] : b[i]));
    }

    @Override
    public double value(double[] p) {
        mirror(p, q);
        return 0.5 * (inner.value(p) + inner.value(q));
    }

    @Override
    public double gradient(double[] p, double[] grad) {
        mirror(p, q);
        double v = inner.gradient(p, grad) + inner.gradient(q, g2);
        average(grad, g2);
        return 0.5 * v;
    }

    @Override
    public double hessianVector(double[] p, double[] t, double[] grad, double[] hT) {
        mirror(p, q);
        mirror(t, t2);
        double v = inner.hessianVector(p, t, grad, hT) + inner.hessianVector(q, t2, g2, h2);
        average(grad, g2);
        average(hT, h2);
        return 0.5 * v;
    }

    @Override
    public double parameterShiftGradient(double[] p, double[] grad) {
        mirror(p, q);
        double v = inner.parameterShiftGradient(p, grad) + inner.parameterShiftGradient(q, g2);
        average(grad, g2);
        return 0.5 * v;
    }
}
