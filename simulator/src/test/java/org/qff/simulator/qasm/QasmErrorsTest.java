package org.qff.simulator.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed or unsupported programs: the error names the line, the column and the offending text. */
class QasmErrorsTest {
    static final String HEAD = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "foo q[0];                       | 5 | 1  | unknown gate 'foo'",
        "h q[0]                          | 6 | 1  | expected ';' but found end of file",
        "h q[3];                         | 5 | 5  | q[3] is out of range: q has 3 qubits",
        "h p[0];                         | 5 | 3  | unknown qreg 'p'",
        "h c[0];                         | 5 | 3  | unknown qreg 'c' (it is a creg)",
        "rx q[0];                        | 5 | 1  | gate rx takes 1 parameter(s), got 0",
        "cx q[0];                        | 5 | 1  | gate cx acts on 2 qubit(s), got 1",
        "cx q[1], q[1];                  | 5 | 10 | qubit q[1] is used twice in one cx gate",
        "rx(1/0) q[0];                   | 5 | 4  | evaluates to Infinity",
        "rx(theta) q[0];                 | 5 | 4  | unknown identifier 'theta'",
        "rx(1 +) q[0];                   | 5 | 7  | expected a number, pi, a parameter or '(' but found ')'",
        "measure q[0] -> c[0]; h q[0];   | 5 | 23 | after it was measured (line 5)",
        "reset q[0];                     | 5 | 1  | reset is not supported",
        "if (c == 1) x q[0];             | 5 | 1  | ('if') are not supported",
        "opaque g a;                     | 5 | 1  | opaque gates are not supported",
        "h q[0]; @                       | 5 | 9  | unexpected character '@'",
        "/* never closed                 | 5 | 1  | comment is never closed",
        "qreg q[2];                      | 5 | 6  | register q is declared twice",
        "qreg big[28];                   | 5 | 6  | brings the total to 31 qubits",
        "gate g a { h b; }               | 5 | 14 | 'b' is not a qubit argument of gate g",
        "gate g(t) a { rx(u) a; }        | 5 | 18 | unknown identifier 'u'",
        "gate g a { nope a; }            | 5 | 12 | unknown gate 'nope'",
        "qreg r[2]; cx q, r;             | 5 | 18 | registers of different sizes (3 and 2)",
        "measure q -> c[0];              | 5 | 1  | measure maps 3 qubit(s) onto 1 bit(s)",
        "include \"other.inc\";          | 5 | 9  | only qelib1.inc is built in",
    })
    void malformedStatementsAreLocated(String statement, int line, int column, String message) {
        QasmException e = assertThrows(QasmException.class, () -> QasmParser.parse(HEAD + statement.strip() + "\n", "bad.qasm"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.qasm:" + line + ":" + column + ": "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "qreg q[1]; h q[0];                 | 1 | 1 | must start with 'OPENQASM 2.0;'",
        "OPENQASM 3.0; qreg q[1];           | 1 | 10 | only OpenQASM 2.0 is supported",
        "OPENQASM 2.0; include \"qelib1.inc\"; | 1 | 36 | declares no qubits",
        "OPENQASM 2.0; qreg q[0];           | 1 | 20 | size 0",
    })
    void malformedProgramsAreLocated(String program, int line, int column, String message) {
        QasmException e = assertThrows(QasmException.class, () -> QasmParser.parse(program.strip(), "p.qasm"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
    }
}
