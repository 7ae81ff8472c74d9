package org.qff.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.cli.Main;

/** {@code qff run} end to end through {@link Main#run}, reading the NPY file back with an independent parser. */
class RunCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result qff(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Reads a 1-D complex128 NPY file as interleaved (re, im), checking the header fields. */
    static double[] readComplexNpy(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((byte) 0x93, b.get());
        byte[] magic = new byte[5];
        b.get(magic);
        assertEquals("NUMPY", new String(magic, StandardCharsets.US_ASCII));
        assertEquals(1, b.get());
        assertEquals(0, b.get());
        int headerLength = Short.toUnsignedInt(b.getShort());
        byte[] header = new byte[headerLength];
        b.get(header);
        String h = new String(header, StandardCharsets.US_ASCII);
        assertEquals(0, (10 + headerLength) % 64, "data must start on a 64-byte boundary");
        assertTrue(h.endsWith("\n"));
        assertTrue(h.contains("'descr': '<c16'"), h);
        assertTrue(h.contains("'fortran_order': False"), h);
        Matcher m = Pattern.compile("'shape': \\((\\d+),\\)").matcher(h);
        assertTrue(m.find(), h);
        int n = Integer.parseInt(m.group(1));
        assertEquals(16L * n, b.remaining());
        double[] v = new double[2 * n];
        for (int i = 0; i < v.length; i++) v[i] = b.getDouble();
        return v;
    }

    Path qasm(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void simulatesAndWritesTheStateInQiskitOrder() throws IOException {
        // x on q[0] only: the state is |001⟩, i.e. index 1 (qubit 0 least significant)
        Path f = qasm("x.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\nx q[0];\n");
        Path out = dir.resolve("x.npy");
        Result r = qff("run", f.toString(), "--expect", "Z0", "--statevector", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("<Z0> = -1.0"), r.out());
        double[] v = readComplexNpy(out);
        assertEquals(16, v.length);
        for (int i = 0; i < 8; i++) {
            assertEquals(i == 1 ? 1.0 : 0.0, v[2 * i], 0.0, "amplitude " + i);
            assertEquals(0.0, v[2 * i + 1], 0.0);
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left behind");
        }
    }

    @Test
    void bellStateExpectationStateAndSeededCounts() throws IOException {
        Path f = qasm("bell.qasm", """
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[2];
                creg c[2];
                h q[0];
                cx q[0], q[1];
                rz(pi/3) q[1];
                measure q -> c;
                """);
        Path out = dir.resolve("bell.npy");
        Result r = qff("run", f.toString(), "--expect", "Z0 Z1 + 0.5 X0 X1", "--statevector", out.toString(), "--shots", "1000", "--seed", "5");
        assertEquals(0, r.code(), r.err());
        // ⟨ZZ⟩ = 1; rz(π/3) on one qubit of (|00⟩+|11⟩)/√2 gives ⟨XX⟩ = cos(π/3) = 0.5
        Matcher m = Pattern.compile("<Z0 Z1 \\+ 0.5 X0 X1> = (\\S+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(1.25, Double.parseDouble(m.group(1)), 1e-14);
        double[] v = readComplexNpy(out);
        double a = Math.sqrt(0.5);
        // rz(θ) = diag(e^{−iθ/2}, e^{iθ/2}) on qubit 1: |00⟩ gets e^{−iπ/6}, |11⟩ gets e^{iπ/6}
        assertEquals(a * Math.cos(Math.PI / 6), v[0], 1e-15);
        assertEquals(-a * Math.sin(Math.PI / 6), v[1], 1e-15);
        assertEquals(a * Math.cos(Math.PI / 6), v[6], 1e-15);
        assertEquals(a * Math.sin(Math.PI / 6), v[7], 1e-15);
        assertTrue(r.out().contains("counts (1000 shots, seed 5"), r.out());
        assertFalse(r.out().contains(" 01 ") || r.out().contains(" 10 "), r.out());
        Matcher c00 = Pattern.compile("\\n  00 (\\d+)").matcher(r.out()), c11 = Pattern.compile("\\n  11 (\\d+)").matcher(r.out());
        assertTrue(c00.find() && c11.find(), r.out());
        assertEquals(1000, Integer.parseInt(c00.group(1)) + Integer.parseInt(c11.group(1)));
        // same seed, same counts
        assertEquals(r.out(), qff("run", f.toString(), "--expect", "Z0 Z1 + 0.5 X0 X1", "--statevector", out.toString(), "--shots", "1000", "--seed", "5").out());
    }

    @Test
    void aBareRunListsTheMostLikelyBasisStates() throws IOException {
        Path f = qasm("ghz.qasm", "OPENQASM 2.0; include \"qelib1.inc\"; qreg q[3]; h q[0]; cx q[0], q[1]; cx q[1], q[2];");
        Result r = qff("run", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\n  000 0.4999999999999999") || r.out().contains("\n  000 0.5"), r.out());
        assertTrue(r.out().contains("\n  111 "), r.out());
        assertFalse(r.out().contains("\n  001 "), r.out());
    }

    @Test
    void fusedAndUnfusedRunsWriteTheSameState() throws IOException {
        Path f = qasm("c.qasm", "OPENQASM 2.0; include \"qelib1.inc\"; qreg a[2]; qreg b[2];"
                + " h a; ry(0.3) b[0]; cx a[0], b[1]; cu3(0.1,0.2,0.3) b[1], a[1]; rzz(0.7) a[1], b[0]; ccx a[0], a[1], b[0]; u2(0.2, 0.9) b[1];");
        Path x = dir.resolve("x.npy"), y = dir.resolve("y.npy");
        assertEquals(0, qff("run", f.toString(), "--statevector", x.toString(), "--fuse", "0").code());
        assertEquals(0, qff("run", f.toString(), "--statevector", y.toString(), "--fuse", "4", "--threads", "2").code());
        double[] u = readComplexNpy(x), w = readComplexNpy(y);
        for (int i = 0; i < u.length; i++) assertEquals(u[i], w[i], 1e-12);
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws IOException {
        Path bad = qasm("bad.qasm", "OPENQASM 2.0;\nqreg q[2];\nfoo q[0];\n");
        Result r = qff("run", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.qasm:3:1: unknown gate 'foo'"), r.err());
        Path ok = qasm("ok.qasm", "OPENQASM 2.0;\nqreg q[2];\n");
        Result range = qff("run", ok.toString(), "--expect", "Z5");
        assertEquals(2, range.code());
        assertTrue(range.err().contains("qubit 5"), range.err());
        assertEquals(2, qff("run", dir.resolve("missing.qasm").toString()).code());
        Result shots = qff("run", ok.toString(), "--shots", "0");
        assertEquals(2, shots.code());
        assertTrue(shots.err().contains("--shots 0"), shots.err());
        Result noDir = qff("run", ok.toString(), "--statevector", dir.resolve("nodir/out.npy").toString());
        assertEquals(2, noDir.code());
        assertTrue(noDir.err().contains("does not exist"), noDir.err());
    }
}
