package org.qff.simulator.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.GateKind;
import org.qff.simulator.exec.Simulator;
import org.qff.simulator.reference.CMat;
import org.qff.simulator.reference.DenseReference;

/** Every supported OpenQASM gate, imported and simulated, against the dense reference. */
class QasmGatesTest {

    /** The test's own table: QASM name → reference matrix at the given parameters (Qiskit's definitions). */
    static final Map<String, Function<double[], CMat>> REFERENCE = new LinkedHashMap<>();

    static {
        REFERENCE.put("U", a -> DenseReference.local(GateKind.U3, a));
        REFERENCE.put("CX", a -> DenseReference.local(GateKind.CX));
        REFERENCE.put("u3", a -> DenseReference.local(GateKind.U3, a));
        REFERENCE.put("u", a -> DenseReference.local(GateKind.U3, a));
        REFERENCE.put("u2", a -> DenseReference.local(GateKind.U3, Math.PI / 2, a[0], a[1]));
        REFERENCE.put("u1", a -> CMat.P0.plus(CMat.P1.scale(Math.cos(a[0]), Math.sin(a[0]))));
        REFERENCE.put("p", a -> CMat.P0.plus(CMat.P1.scale(Math.cos(a[0]), Math.sin(a[0]))));
        REFERENCE.put("id", a -> CMat.I);
        for (String s : new String[] {"x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz", "cx", "cy", "cz", "ch", "swap", "ccx", "cswap", "crx", "cry", "crz", "cu3", "rxx", "ryy", "rzz"}) {
            GateKind k = GateKind.valueOf(s.toUpperCase());
            REFERENCE.put(s, a -> DenseReference.local(k, a));
        }
        REFERENCE.put("cu1", a -> DenseReference.local(GateKind.CPHASE, a));
        REFERENCE.put("cp", a -> DenseReference.local(GateKind.CPHASE, a));
    }

    @Test
    void everyBuiltInGateIsCovered() {
        assertEquals(QelibGates.GATES.keySet(), REFERENCE.keySet());
    }

    @Test
    void everyGateMatchesTheReferenceOnEveryQubitOrder() {
        Random rnd = new Random(8);
        int n = 4;
        for (Map.Entry<String, Function<double[], CMat>> e : REFERENCE.entrySet()) {
            String name = e.getKey();
            GateKind kind = QelibGates.GATES.get(name);
            for (int trial = 0; trial < 3; trial++) {
                double[] args = new double[kind.args()];
                StringBuilder params = new StringBuilder();
                for (int i = 0; i < args.length; i++) {
                    args[i] = rnd.nextGaussian() * 2;
                    params.append(i == 0 ? "(" : ",").append(args[i]);
                }
                if (args.length > 0) params.append(")");
                // qubits spread over two registers: a[0..1] are qubits 0..1, b[0..1] are 2..3
                int[] qubits = org.qff.simulator.reference.RandomCircuits.distinctQubits(n, kind.qubits(), rnd);
                StringBuilder ops = new StringBuilder();
                for (int i = 0; i < qubits.length; i++) {
                    ops.append(i == 0 ? " " : ", ").append(qubits[i] < 2 ? "a[" + qubits[i] + "]" : "b[" + (qubits[i] - 2) + "]");
                }
                String program = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg a[2];\nqreg b[2];\n" + name + params + ops + ";\n";
                Circuit c = QasmParser.parse(program, "test.qasm").circuit();
                double[] psi = DenseReference.randomState(n, rnd);
                double[] expected = DenseReference.embed(e.getValue().apply(args), qubits, n).apply(psi);
                try (StateVector s = StateVector.zero(n)) {
                    s.fromInterleaved(psi);
                    Simulator.create().run(c, Bindings.NONE, s);
                    double[] got = s.toInterleaved();
                    for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], 1e-13, program);
                }
            }
        }
    }

    @Test
    void qelib1DefinitionsWrittenOutAgreeUpToGlobalPhase() {
        // qelib1.inc defines rz and rzz through u1; a file that spells them out must give the same state up to a phase
        String builtins = "OPENQASM 2.0; include \"qelib1.inc\"; qreg q[2]; h q; rz(0.7) q[0]; rzz(1.1) q[0], q[1]; crz(0.4) q[1], q[0]; cu3(0.3,0.2,0.1) q[0], q[1];";
        String spelled = "OPENQASM 2.0; include \"qelib1.inc\";\n"
                + "gate myrz(phi) a { u1(phi) a; }\n"
                + "gate myrzz(theta) a, b { cx a, b; u1(theta) b; cx a, b; }\n"
                + "gate mycrz(lambda) a, b { u1(lambda/2) b; cx a, b; u1(-lambda/2) b; cx a, b; }\n"
                + "gate mycu3(theta,phi,lambda) c, t { u1((lambda+phi)/2) c; u1((lambda-phi)/2) t; cx c,t; u3(-theta/2,0,-(phi+lambda)/2) t; cx c,t; u3(theta/2,phi,0) t; }\n"
                + "qreg q[2]; h q; myrz(0.7) q[0]; myrzz(1.1) q[0], q[1]; mycrz(0.4) q[1], q[0]; mycu3(0.3,0.2,0.1) q[0], q[1];";
        double[] x = state(builtins), y = state(spelled);
        // overlap |⟨x|y⟩| = 1 exactly when the states differ by a global phase only
        double re = 0, im = 0;
        for (int i = 0; i < x.length; i += 2) {
            re += x[i] * y[i] + x[i + 1] * y[i + 1];
            im += x[i] * y[i + 1] - x[i + 1] * y[i];
        }
        assertEquals(1.0, Math.hypot(re, im), 1e-13);
    }

    static double[] state(String program) {
        Circuit c = QasmParser.parse(program, "t.qasm").circuit();
        try (StateVector s = Simulator.create().run(c, Bindings.NONE)) {
            return s.toInterleaved();
        }
    }

    @Test
    void expressionsFollowTheUsualPrecedence() {
        String p = "OPENQASM 2.0;\nqreg q[1];\nU(-pi/2 + 3*0.25, 2^3 - -1, sin(pi/2)*ln(exp(2))/sqrt(4)) q[0];\n";
        var g = QasmParser.parse(p, "e.qasm").circuit().gates().get(0);
        double[] v = g.argValues(Bindings.NONE);
        assertEquals(-Math.PI / 2 + 0.75, v[0], 1e-15);
        assertEquals(9, v[1], 1e-15);
        assertEquals(1, v[2], 1e-15);
        // unary minus binds tighter than * and ^ binds tighter than unary minus: -2^2 = -4
        v = QasmParser.parse("OPENQASM 2.0; qreg q[1]; U(-2^2, -pi*-1, 1e-1) q[0];", "e").circuit().gates().get(0).argValues(Bindings.NONE);
        assertEquals(-4, v[0], 1e-15);
        assertEquals(Math.PI, v[1], 1e-15);
        assertEquals(0.1, v[2], 1e-15);
    }

    @Test
    void userGatesBroadcastingAndMeasurements() {
        String p = """
                OPENQASM 2.0;
                include "qelib1.inc";
                // a user gate calling another user gate
                gate bell a, b { h a; cx a, b; }
                gate twice(theta) a, b { bell a, b; rz(theta/2) b; barrier a, b; rz(theta/2) b; }
                qreg q[2];
                qreg r[2];
                creg c[4];
                twice(0.6) q[0], r[1];
                x q;
                cx q, r;
                barrier q, r;
                measure q -> c[0];
                measure q[1] -> c[3];
                measure r[1] -> c[1];
                """;
        // measure q -> c[0] is a size mismatch only when q has more than one qubit: check the error first
        QasmException e = org.junit.jupiter.api.Assertions.assertThrows(QasmException.class, () -> QasmParser.parse(p, "m.qasm"));
        assertEquals(13, e.line());
        String ok = p.replace("measure q -> c[0];", "measure q[0] -> c[0];");
        QasmProgram prog = QasmParser.parse(ok, "m.qasm");
        Circuit expected = Circuit.builder(4).h(0).cx(0, 3).rz(3, 0.3).rz(3, 0.3).x(0).x(1).cx(0, 2).cx(1, 3).build();
        assertEquals(expected.gates(), prog.circuit().gates());
        assertEquals(4, prog.clbits());
        assertTrue(prog.measures());
        // q[0] → c0, q[1] → c3, r[1] (qubit 3) → c1, r[0] unmeasured
        assertEquals(0b1011, prog.classicalOutcome(0b1111));
        assertEquals(0b0010, prog.classicalOutcome(0b1000));
    }
}
