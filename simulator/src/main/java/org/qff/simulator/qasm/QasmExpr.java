package org.qff.simulator.qasm;

import java.util.Map;

/** A parameter expression: numbers, pi, gate parameters, + − * / ^, unary minus, and sin cos tan exp ln sqrt. */
sealed interface QasmExpr {
    double eval(Map<String, Double> parameters);

    record Num(double value) implements QasmExpr {
        public double eval(Map<String, Double> p) { return value; }
    }

    record Param(String name, Token at) implements QasmExpr {
        public double eval(Map<String, Double> p) {
            Double v = p.get(name);
            if (v == null) throw new IllegalStateException(name); // the parser only admits declared parameters
            return v;
        }
    }

    record Neg(QasmExpr x) implements QasmExpr {
        public double eval(Map<String, Double> p) { return -x.eval(p); }
    }

    record Binary(char op, QasmExpr a, QasmExpr b) implements QasmExpr {
        public double eval(Map<String, Double> p) {
            double x = a.eval(p), y = b.eval(p);
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                case '/' -> x / y;
                case '^' -> Math.pow(x, y);
                default -> throw new IllegalStateException("operator " + op);
            };
        }
    }

    record Call(String function, QasmExpr x) implements QasmExpr {
        static final java.util.Set<String> FUNCTIONS = java.util.Set.of("sin", "cos", "tan", "exp", "ln", "sqrt");

        public double eval(Map<String, Double> p) {
            double v = x.eval(p);
            return switch (function) {
                case "sin" -> Math.sin(v);
                case "cos" -> Math.cos(v);
                case "tan" -> Math.tan(v);
                case "exp" -> Math.exp(v);
                case "ln" -> Math.log(v);
                case "sqrt" -> Math.sqrt(v);
                default -> throw new IllegalStateException(function);
            };
        }
    }
}
