package org.qff.cli.ffi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qff.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of {@code qff serve ipi} and {@code qff lammps} on bad input. */
@Timeout(60)
class FfiCommandsTest {
    private record Run(int code, String err) {}

    private static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void noServerIsAProtocolErrorAfterTheTimeout() {
        Run r = run("serve", "ipi", "--model", "lj-argon", "--unix", "qff-no-such-server-" + ProcessHandle.current().pid(), "--species", "Ar",
                "--timeout", "0.3");
        assertEquals(ServeIpiCommand.EXIT_PROTOCOL, r.code());
        assertTrue(r.err().contains("no i-PI server at unix:/tmp/ipi_qff-no-such-server"), r.err());
    }

    @Test
    void missingModelIsBadInput() {
        Run r = run("serve", "ipi", "--model", "/nonexistent/model.json", "--host", "localhost", "--port", "31415", "--species", "Ar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("/nonexistent/model.json"), r.err());
    }

    @Test
    void badSpeciesAndSocketNamesAreBadInput() {
        Run r = run("serve", "ipi", "--model", "lj-argon", "--unix", "x", "--species", "Ar*2,Qq");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown element \"Qq\""), r.err());
        r = run("serve", "ipi", "--model", "lj-argon", "--unix", "a/b", "--species", "Ar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("a/b"), r.err());
        r = run("serve", "ipi", "--model", "lj-argon", "--host", "localhost", "--port", "70000", "--species", "Ar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("70000"), r.err());
    }

    @Test
    void lammpsMissingInputIsBadInput() {
        Run r = run("lammps", "--model", "lj-argon", "--input", "/nonexistent/in.lammps");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("/nonexistent/in.lammps does not exist"), r.err());
        r = run("lammps", "--model", "lj-argon", "--input", "/etc/hostname", "--types", "Ar,Zz");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("type 2 has unknown element \"Zz\""), r.err());
    }
}
