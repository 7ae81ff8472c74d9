package org.qff.simulator.gradient;

import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Expr;

/**
 * First and second-order chain rule through a gate argument {@link Expr}, by recursion over its
 * tree (no allocation). A symbol's slot ({@link Expr.Symbol#index()}) selects the trainable or the
 * input array, so one call serves parameters shared across many gates: contributions add up.
 *
 * <p>"dot" quantities are directional derivatives along a tangent t = (t_trainables, t_inputs).
 */
public final class ExprCalculus {
    private ExprCalculus() {}

    /** True if the expression mentions any symbol (otherwise it needs no derivative). */
    public static boolean hasSymbols(Expr e) {
        return switch (e) {
            case Expr.Const c -> false;
            case Expr.Symbol s -> true;
            case Expr.Affine a -> hasSymbols(a.x());
            case Expr.Product p -> hasSymbols(p.x()) || hasSymbols(p.y());
            case Expr.Sum s -> hasSymbols(s.x()) || hasSymbols(s.y());
        };
    }

    /** ė = Σ_s ∂e/∂s · t_s. A null tangent array counts as zero. */
    public static double dot(Expr e, Bindings b, double[] tTrain, double[] tInput) {
        return switch (e) {
            case Expr.Const c -> 0;
            case Expr.Symbol s -> {
                double[] t = s.kind() == Expr.Symbol.Kind.TRAINABLE ? tTrain : tInput;
                yield t == null ? 0 : t[s.index()];
            }
            case Expr.Affine a -> a.a() * dot(a.x(), b, tTrain, tInput);
            case Expr.Product p -> dot(p.x(), b, tTrain, tInput) * p.y().eval(b) + p.x().eval(b) * dot(p.y(), b, tTrain, tInput);
            case Expr.Sum s -> dot(s.x(), b, tTrain, tInput) + dot(s.y(), b, tTrain, tInput);
        };
    }

    /** g_s += seed · ∂e/∂s for every symbol s of e. A null gradient array is skipped. */
    public static void accumulate(Expr e, Bindings b, double seed, double[] gTrain, double[] gInput) {
        switch (e) {
            case Expr.Const c -> { }
            case Expr.Symbol s -> {
                double[] g = s.kind() == Expr.Symbol.Kind.TRAINABLE ? gTrain : gInput;
                if (g != null) g[s.index()] += seed;
            }
            case Expr.Affine a -> accumulate(a.x(), b, seed * a.a(), gTrain, gInput);
            case Expr.Product p -> {
                accumulate(p.x(), b, seed * p.y().eval(b), gTrain, gInput);
                accumulate(p.y(), b, seed * p.x().eval(b), gTrain, gInput);
            }
            case Expr.Sum s -> {
                accumulate(s.x(), b, seed, gTrain, gInput);
                accumulate(s.y(), b, seed, gTrain, gInput);
            }
        }
    }

    /**
     * The chain rule and its directional derivative at once: g_s += seed·∂e/∂s and
     * h_s += seedDot·∂e/∂s + seed·∂ė/∂s, where seedDot is the directional derivative of seed along
     * t and ∂ė/∂s = Σ_r ∂²e/∂s∂r · t_r (non-zero only through products).
     */
    public static void accumulateDual(Expr e, Bindings b, double[] tTrain, double[] tInput, double seed, double seedDot,
                                      double[] gTrain, double[] gInput, double[] hTrain, double[] hInput) {
        switch (e) {
            case Expr.Const c -> { }
            case Expr.Symbol s -> {
                boolean train = s.kind() == Expr.Symbol.Kind.TRAINABLE;
                double[] g = train ? gTrain : gInput, h = train ? hTrain : hInput;
                if (g != null) g[s.index()] += seed;
                if (h != null) h[s.index()] += seedDot;
            }
            case Expr.Affine a -> accumulateDual(a.x(), b, tTrain, tInput, seed * a.a(), seedDot * a.a(), gTrain, gInput, hTrain, hInput);
            case Expr.Product p -> {
                double x = p.x().eval(b), y = p.y().eval(b);
                double xd = dot(p.x(), b, tTrain, tInput), yd = dot(p.y(), b, tTrain, tInput);
                accumulateDual(p.x(), b, tTrain, tInput, seed * y, seedDot * y + seed * yd, gTrain, gInput, hTrain, hInput);
                accumulateDual(p.y(), b, tTrain, tInput, seed * x, seedDot * x + seed * xd, gTrain, gInput, hTrain, hInput);
            }
            case Expr.Sum s -> {
                accumulateDual(s.x(), b, tTrain, tInput, seed, seedDot, gTrain, gInput, hTrain, hInput);
                accumulateDual(s.y(), b, tTrain, tInput, seed, seedDot, gTrain, gInput, hTrain, hInput);
            }
        }
    }
}
