package org.qff.simulator.circuit;

/**
 * A symbolic gate argument: a constant, a named trainable parameter, a named input, or an
 * expression over them (a·x + b, x·y, x + y). Bound at run time by {@link Bindings}, so one circuit
 * serves many parameter sets without being rebuilt.
 */
public sealed interface Expr permits Expr.Const, Expr.Symbol, Expr.Affine, Expr.Product, Expr.Sum {

    double eval(Bindings b);

    /** ∂(this)/∂(symbol) at the bound values. */
    double derivative(Symbol s, Bindings b);

    /** Calls the visitor for every symbol this expression mentions (with repeats). */
    void forEachSymbol(java.util.function.Consumer<Symbol> visitor);

    /** The same expression with symbols resolved to indices by the circuit. */
    Expr resolve(java.util.function.Function<Symbol, Symbol> resolver);

    static Expr constant(double value) { return new Const(value); }

    static Symbol trainable(String name) { return new Symbol(name, Symbol.Kind.TRAINABLE, -1); }

    static Symbol input(String name) { return new Symbol(name, Symbol.Kind.INPUT, -1); }

    default Expr times(double a) { return new Affine(a, this, 0); }

    default Expr plus(double b) { return new Affine(1, this, b); }

    default Expr times(Expr other) { return new Product(this, other); }

    default Expr plus(Expr other) { return new Sum(this, other); }

    default Expr negate() { return new Affine(-1, this, 0); }

    record Const(double value) implements Expr {
        public Const {
            if (!Double.isFinite(value)) throw new IllegalArgumentException("gate argument is not finite: " + value);
        }
        public double eval(Bindings b) { return value; }
        public double derivative(Symbol s, Bindings b) { return 0; }
        public void forEachSymbol(java.util.function.Consumer<Symbol> v) {}
        public Expr resolve(java.util.function.Function<Symbol, Symbol> r) { return this; }
        @Override public String toString() { return Double.toString(value); }
    }

    /** A named trainable parameter or input; {@code index} is its slot once the circuit is built (−1 before). */
    record Symbol(String name, Kind kind, int index) implements Expr {
        public enum Kind { TRAINABLE, INPUT }

        public Symbol {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a parameter needs a name");
        }
        public double eval(Bindings b) {
            return kind == Kind.TRAINABLE ? b.trainable(index) : b.input(index);
        }
        public double derivative(Symbol s, Bindings b) {
            return s.kind == kind && s.name.equals(name) ? 1 : 0;
        }
        public void forEachSymbol(java.util.function.Consumer<Symbol> v) { v.accept(this); }
        public Expr resolve(java.util.function.Function<Symbol, Symbol> r) { return r.apply(this); }
        /** Same parameter regardless of resolution state. */
        public boolean sameAs(Symbol other) { return other.kind == kind && other.name.equals(name); }
        @Override public String toString() { return name; }
    }

    record Affine(double a, Expr x, double b) implements Expr {
        public Affine {
            if (!Double.isFinite(a) || !Double.isFinite(b)) throw new IllegalArgumentException("non-finite coefficient in " + a + "·x + " + b);
        }
        public double eval(Bindings bd) { return a * x.eval(bd) + b; }
        public double derivative(Symbol s, Bindings bd) { return a * x.derivative(s, bd); }
        public void forEachSymbol(java.util.function.Consumer<Symbol> v) { x.forEachSymbol(v); }
        public Expr resolve(java.util.function.Function<Symbol, Symbol> r) { return new Affine(a, x.resolve(r), b); }
        @Override public String toString() { return a + "*(" + x + ")+" + b; }
    }

    record Product(Expr x, Expr y) implements Expr {
        public double eval(Bindings b) { return x.eval(b) * y.eval(b); }
        public double derivative(Symbol s, Bindings b) { return x.derivative(s, b) * y.eval(b) + x.eval(b) * y.derivative(s, b); }
        public void forEachSymbol(java.util.function.Consumer<Symbol> v) { x.forEachSymbol(v); y.forEachSymbol(v); }
        public Expr resolve(java.util.function.Function<Symbol, Symbol> r) { return new Product(x.resolve(r), y.resolve(r)); }
        @Override public String toString() { return "(" + x + ")*(" + y + ")"; }
    }

    record Sum(Expr x, Expr y) implements Expr {
        public double eval(Bindings b) { return x.eval(b) + y.eval(b); }
        public double derivative(Symbol s, Bindings b) { return x.derivative(s, b) + y.derivative(s, b); }
        public void forEachSymbol(java.util.function.Consumer<Symbol> v) { x.forEachSymbol(v); y.forEachSymbol(v); }
        public Expr resolve(java.util.function.Function<Symbol, Symbol> r) { return new Sum(x.resolve(r), y.resolve(r)); }
        @Override public String toString() { return "(" + x + ")+(" + y + ")"; }
    }
}
