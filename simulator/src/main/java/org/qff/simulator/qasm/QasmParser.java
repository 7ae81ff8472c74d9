package org.qff.simulator.qasm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.circuit.Expr;
import org.qff.simulator.circuit.GateKind;

/**
 * A hand-written recursive-descent parser for OpenQASM 2.0: {@code qreg}/{@code creg}, the
 * qelib1.inc gates (see {@link QelibGates}), user {@code gate} definitions (expanded inline),
 * register broadcasting ({@code h q;}, {@code cx a, b;}), {@code barrier}, and final
 * {@code measure}. Every error names the line and column. Not supported, with a clear error:
 * {@code opaque}, {@code reset}, {@code if}, gates after a measurement of the same qubit, and
 * includes other than qelib1.inc.
 */
public final class QasmParser {
    private final String source;
    private final List<Token> tokens;
    private int at;

    private final Map<String, QasmProgram.Register> qregs = new LinkedHashMap<>();
    private final Map<String, QasmProgram.Register> cregs = new LinkedHashMap<>();
    private int qubitCount, clbitCount;
    private final Map<String, GateDefinition> definitions = new HashMap<>();
    private final List<Applied> gates = new ArrayList<>();
    private final Map<Integer, Integer> clbitOfQubit = new HashMap<>();
    private final Map<Integer, Token> measuredAt = new HashMap<>();

    private record Applied(GateKind kind, int[] qubits, double[] args, Token at) {}

    /** A call inside a gate body: qubits by formal name. */
    private record BodyCall(Token name, GateDefinition target, List<QasmExpr> args, List<String> qubits) {}

    private record GateDefinition(String name, List<String> params, List<String> qubits, List<BodyCall> body) {}

    private QasmParser(String text, String source) {
        this.source = source;
        this.tokens = new QasmLexer(text, source).tokens();
    }

    public static QasmProgram parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses program text; {@code source} names it in error messages. */
    public static QasmProgram parse(String text, String source) {
        return new QasmParser(text, source).program();
    }

    // ---- tokens ----

    private Token peek() { return tokens.get(at); }

    private Token next() {
        Token t = tokens.get(at);
        if (t.type() != Token.Type.END) at++;
        return t;
    }

    private QasmException error(Token t, String message) {
        return new QasmException(source, t.line(), t.column(), message);
    }

    private Token expect(String symbol) {
        Token t = next();
        if (!t.is(symbol)) throw error(t, "expected '" + symbol + "' but found " + t.describe());
        return t;
    }

    private Token expectIdentifier(String what) {
        Token t = next();
        if (t.type() != Token.Type.IDENTIFIER) throw error(t, "expected " + what + " but found " + t.describe());
        return t;
    }

    private int expectInteger(String what) {
        Token t = next();
        if (t.type() != Token.Type.INTEGER) throw error(t, "expected " + what + " (an integer) but found " + t.describe());
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw error(t, what + " " + t.text() + " is too large");
        }
    }

    // ---- program ----

    private QasmProgram program() {
        Token first = peek();
        if (!first.is("OPENQASM")) throw error(first, "a program must start with 'OPENQASM 2.0;', found " + first.describe());
        next();
        Token version = next();
        if (version.type() != Token.Type.REAL && version.type() != Token.Type.INTEGER) throw error(version, "expected a version number after OPENQASM, found " + version.describe());
        if (!version.text().equals("2.0") && !version.text().equals("2")) throw error(version, "only OpenQASM 2.0 is supported, this program declares version " + version.text());
        expect(";");
        while (peek().type() != Token.Type.END) statement();
        if (qubitCount == 0) throw error(peek(), "the program declares no qubits (qreg)");
        return build();
    }

    private void statement() {
        Token t = peek();
        if (t.type() != Token.Type.IDENTIFIER) throw error(t, "expected a statement but found " + t.describe());
        switch (t.text()) {
            case "include" -> include();
            case "qreg", "creg" -> register();
            case "gate" -> gateDefinition();
            case "barrier" -> barrier();
            case "measure" -> measure();
            case "opaque" -> throw error(t, "opaque gates are not supported (they have no matrix to simulate)");
            case "reset" -> throw error(t, "reset is not supported: only unitary gates and final measurements are");
            case "if" -> throw error(t, "classically controlled gates ('if') are not supported");
            case "OPENQASM" -> throw error(t, "OPENQASM may appear only once, at the start");
            default -> gateStatement();
        }
    }

    private void include() {
        next();
        Token file = next();
        if (file.type() != Token.Type.STRING) throw error(file, "expected a file name in quotes after include, found " + file.describe());
        if (!file.text().equals("qelib1.inc")) throw error(file, "cannot include \"" + file.text() + "\": only qelib1.inc is built in");
        expect(";");
    }

    private void register() {
        Token kind = next();
        Token name = expectIdentifier("a register name");
        expect("[");
        int size = expectInteger("the register size");
        expect("]");
        expect(";");
        if (size < 1) throw error(name, "register " + name.text() + " has size " + size + "; it must be at least 1");
        if (qregs.containsKey(name.text()) || cregs.containsKey(name.text())) throw error(name, "register " + name.text() + " is declared twice");
        if (kind.text().equals("qreg")) {
            if ((long) qubitCount + size > StateVector.MAX_QUBITS) {
                throw error(name, "qreg " + name.text() + "[" + size + "] brings the total to " + ((long) qubitCount + size) + " qubits; at most " + StateVector.MAX_QUBITS + " can be simulated");
            }
            qregs.put(name.text(), new QasmProgram.Register(name.text(), qubitCount, size));
            qubitCount += size;
        } else {
            if ((long) clbitCount + size > 63) throw error(name, "creg " + name.text() + "[" + size + "] brings the total above 63 classical bits");
            cregs.put(name.text(), new QasmProgram.Register(name.text(), clbitCount, size));
            clbitCount += size;
        }
    }

    // ---- gate definitions ----

    private void gateDefinition() {
        next();
        Token name = expectIdentifier("a gate name");
        if (definitions.containsKey(name.text())) throw error(name, "gate " + name.text() + " is defined twice");
        // A definition may reuse a qelib1 name: from here on the file's own definition is used.
        List<String> params = new ArrayList<>();
        if (peek().is("(")) {
            next();
            if (!peek().is(")")) {
                do params.add(uniqueName(params, expectIdentifier("a parameter name"))); while (acceptComma());
            }
            expect(")");
        }
        List<String> qargs = new ArrayList<>();
        do qargs.add(uniqueName(qargs, expectIdentifier("a qubit argument name"))); while (acceptComma());
        expect("{");
        List<BodyCall> body = new ArrayList<>();
        while (!peek().is("}")) {
            Token callName = expectIdentifier("a gate call or '}' in the body of gate " + name.text());
            List<QasmExpr> args = new ArrayList<>();
            if (peek().is("(")) {
                next();
                if (!peek().is(")")) {
                    do args.add(expression(params)); while (acceptComma());
                }
                expect(")");
            }
            List<String> used = new ArrayList<>();
            do {
                Token q = expectIdentifier("a qubit argument of " + name.text());
                if (peek().is("[")) throw error(peek(), "qubits inside a gate body are named, not indexed");
                if (!qargs.contains(q.text())) throw error(q, "'" + q.text() + "' is not a qubit argument of gate " + name.text() + " " + qargs);
                used.add(q.text());
            } while (acceptComma());
            expect(";");
            if (!callName.is("barrier")) {
                checkCallShape(callName, args.size(), used.size());
                // resolved now: a body refers to gates defined before it, never to itself
                body.add(new BodyCall(callName, definitions.get(callName.text()), args, used));
            }
        }
        expect("}");
        definitions.put(name.text(), new GateDefinition(name.text(), params, qargs, body));
    }

    private String uniqueName(List<String> seen, Token t) {
        if (seen.contains(t.text())) throw error(t, "'" + t.text() + "' is declared twice");
        return t.text();
    }

    private boolean acceptComma() {
        if (peek().is(",")) {
            next();
            return true;
        }
        return false;
    }

    /** Fails unless the name is a known gate taking that many parameters and qubits. */
    private void checkCallShape(Token name, int params, int qubits) {
        GateDefinition d = definitions.get(name.text());
        int wantParams, wantQubits;
        if (d != null) {
            wantParams = d.params().size();
            wantQubits = d.qubits().size();
        } else {
            GateKind k = QelibGates.GATES.get(name.text());
            if (k == null) throw error(name, "unknown gate '" + name.text() + "'");
            wantParams = k.args();
            wantQubits = k.qubits();
        }
        if (params != wantParams) throw error(name, "gate " + name.text() + " takes " + wantParams + " parameter(s), got " + params);
        if (qubits != wantQubits) throw error(name, "gate " + name.text() + " acts on " + wantQubits + " qubit(s), got " + qubits);
    }

    // ---- statements on registers ----

    /** One argument: either a single qubit (index ≥ 0 in the flattened numbering) or a whole register. */
    private record Operand(QasmProgram.Register register, int index, Token at) {
        int size() { return index >= 0 ? 1 : register.size(); }

        int get(int i) { return register.offset() + (index >= 0 ? index : i); }
    }

    private Operand operand(Map<String, QasmProgram.Register> regs, String what) {
        Token name = expectIdentifier(what);
        QasmProgram.Register r = regs.get(name.text());
        if (r == null) {
            String other = regs == qregs ? (cregs.containsKey(name.text()) ? " (it is a creg)" : "") : (qregs.containsKey(name.text()) ? " (it is a qreg)" : "");
            throw error(name, "unknown " + (regs == qregs ? "qreg" : "creg") + " '" + name.text() + "'" + other);
        }
        if (!peek().is("[")) return new Operand(r, -1, name);
        next();
        Token idx = peek();
        int i = expectInteger("an index");
        expect("]");
        if (i >= r.size()) throw error(idx, name.text() + "[" + i + "] is out of range: " + name.text() + " has " + r.size() + (regs == qregs ? " qubits" : " bits"));
        return new Operand(r, i, name);
    }

    private List<Operand> operands(String what) {
        List<Operand> list = new ArrayList<>();
        do list.add(operand(qregs, what)); while (acceptComma());
        return list;
    }

    /** The number of broadcast repetitions: 1 for single qubits, else the common register size. */
    private int broadcastSize(List<Operand> ops, Token at) {
        int size = 1;
        for (Operand o : ops) {
            if (o.size() == 1) continue;
            if (size != 1 && o.size() != size) throw error(o.at(), "registers of different sizes (" + size + " and " + o.size() + ") in one statement");
            size = o.size();
        }
        return size;
    }

    private void barrier() {
        next();
        operands("a qubit or qreg after barrier");
        expect(";");
        // a barrier only orders gates, which a simulator applies in order anyway
    }

    private void measure() {
        Token t = next();
        Operand q = operand(qregs, "a qubit or qreg to measure");
        expect("->");
        Operand c = operand(cregs, "a classical bit or creg");
        expect(";");
        if (q.size() != c.size()) throw error(t, "measure maps " + q.size() + " qubit(s) onto " + c.size() + " bit(s)");
        for (int i = 0; i < q.size(); i++) {
            clbitOfQubit.put(q.get(i), c.get(i));
            measuredAt.putIfAbsent(q.get(i), t);
        }
    }

    private void gateStatement() {
        Token name = next();
        List<Double> args = new ArrayList<>();
        List<Token> argAt = new ArrayList<>();
        if (peek().is("(")) {
            next();
            if (!peek().is(")")) {
                do {
                    argAt.add(peek());
                    args.add(expression(List.of()).eval(Map.of()));
                } while (acceptComma());
            }
            expect(")");
        }
        List<Operand> ops = operands("a qubit or qreg argument of " + name.text());
        expect(";");
        checkCallShape(name, args.size(), ops.size());
        for (int i = 0; i < args.size(); i++) {
            if (!Double.isFinite(args.get(i))) throw error(argAt.get(i), "parameter " + (i + 1) + " of " + name.text() + " evaluates to " + args.get(i) + ", which is not finite");
        }
        double[] a = args.stream().mapToDouble(Double::doubleValue).toArray();
        int repeat = broadcastSize(ops, name);
        for (int r = 0; r < repeat; r++) {
            int[] qubits = new int[ops.size()];
            for (int j = 0; j < qubits.length; j++) qubits[j] = ops.get(j).get(r);
            for (int j = 0; j < qubits.length; j++) {
                for (int k = 0; k < j; k++) {
                    if (qubits[j] == qubits[k]) throw error(ops.get(j).at(), "qubit " + qubitName(qubits[j]) + " is used twice in one " + name.text() + " gate");
                }
            }
            invoke(name, definitions.get(name.text()), a, qubits, name);
        }
    }

    private String qubitName(int flat) {
        for (QasmProgram.Register r : qregs.values()) {
            if (flat >= r.offset() && flat < r.offset() + r.size()) return r.name() + "[" + (flat - r.offset()) + "]";
        }
        return "#" + flat;
    }

    /** Applies a built-in gate, or expands a definition with its parameters bound. */
    private void invoke(Token name, GateDefinition d, double[] args, int[] qubits, Token statement) {
        if (d == null) {
            GateKind kind = QelibGates.GATES.get(name.text());
            for (int q : qubits) {
                Token m = measuredAt.get(q);
                if (m != null) {
                    throw error(statement, "gate " + name.text() + " acts on " + qubitName(q) + " after it was measured (line " + m.line()
                            + "); only final measurements are supported");
                }
            }
            gates.add(new Applied(kind, qubits, args, statement));
            return;
        }
        Map<String, Double> env = new HashMap<>();
        for (int i = 0; i < args.length; i++) env.put(d.params().get(i), args[i]);
        for (BodyCall call : d.body()) {
            double[] a = new double[call.args().size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = call.args().get(i).eval(env);
                if (!Double.isFinite(a[i])) {
                    throw error(statement, "inside gate " + d.name() + ", parameter " + (i + 1) + " of " + call.name().text() + " evaluates to " + a[i]);
                }
            }
            int[] q = new int[call.qubits().size()];
            for (int i = 0; i < q.length; i++) q[i] = qubits[d.qubits().indexOf(call.qubits().get(i))];
            for (int j = 0; j < q.length; j++) {
                for (int k = 0; k < j; k++) {
                    if (q[j] == q[k]) throw error(call.name(), "inside gate " + d.name() + ": " + call.name().text() + " gets qubit " + qubitName(q[j]) + " twice");
                }
            }
            invoke(call.name(), call.target(), a, q, statement);
        }
    }

    // ---- expressions ----

    private QasmExpr expression(List<String> params) {
        QasmExpr left = term(params);
        while (peek().is("+") || peek().is("-")) {
            char op = next().text().charAt(0);
            left = new QasmExpr.Binary(op, left, term(params));
        }
        return left;
    }

    private QasmExpr term(List<String> params) {
        QasmExpr left = unary(params);
        while (peek().is("*") || peek().is("/")) {
            char op = next().text().charAt(0);
            left = new QasmExpr.Binary(op, left, unary(params));
        }
        return left;
    }

    private QasmExpr unary(List<String> params) {
        if (peek().is("-")) {
            next();
            return new QasmExpr.Neg(unary(params));
        }
        if (peek().is("+")) {
            next();
            return unary(params);
        }
        return power(params);
    }

    private QasmExpr power(List<String> params) {
        QasmExpr base = primary(params);
        if (peek().is("^")) {
            next();
            return new QasmExpr.Binary('^', base, unary(params));
        }
        return base;
    }

    private QasmExpr primary(List<String> params) {
        Token t = next();
        switch (t.type()) {
            case INTEGER, REAL -> {
                return new QasmExpr.Num(Double.parseDouble(t.text()));
            }
            case IDENTIFIER -> {
                if (t.text().equals("pi")) return new QasmExpr.Num(Math.PI);
                if (QasmExpr.Call.FUNCTIONS.contains(t.text())) {
                    expect("(");
                    QasmExpr x = expression(params);
                    expect(")");
                    return new QasmExpr.Call(t.text(), x);
                }
                if (params.contains(t.text())) return new QasmExpr.Param(t.text(), t);
                throw error(t, "unknown identifier '" + t.text() + "' in an expression" + (params.isEmpty() ? "" : " (parameters: " + params + ")"));
            }
            case SYMBOL -> {
                if (t.is("(")) {
                    QasmExpr x = expression(params);
                    expect(")");
                    return x;
                }
                throw error(t, "expected a number, pi, a parameter or '(' but found " + t.describe());
            }
            default -> throw error(t, "expected an expression but found " + t.describe());
        }
    }

    // ---- result ----

    private QasmProgram build() {
        CircuitBuilder b = Circuit.builder(qubitCount);
        for (Applied g : gates) {
            Expr[] args = new Expr[g.args().length];
            for (int i = 0; i < args.length; i++) args[i] = Expr.constant(g.args()[i]);
            try {
                b.gate(g.kind(), g.qubits(), args);
            } catch (IllegalArgumentException e) {
                throw error(g.at(), e.getMessage());
            }
        }
        int[] clbits = new int[qubitCount];
        Arrays.fill(clbits, -1);
        clbitOfQubit.forEach((q, c) -> clbits[q] = c);
        return new QasmProgram(b.build(), new ArrayList<>(qregs.values()), new ArrayList<>(cregs.values()), clbits);
    }
}
