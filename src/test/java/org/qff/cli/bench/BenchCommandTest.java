package org.qff.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.benchmarks.BenchRunners;
import org.qff.cli.Main;

/** The bench command's contract without running JMH (the suites themselves run in CI via the README). */
class BenchCommandTest {

    @Test
    void everyAreaHasASuite() {
        new BenchCommand(); // registers the suites that live in the application module
        java.util.Set<String> names = new java.util.TreeSet<>();
        BenchRunners.names().forEach(names::add);
        assertEquals(java.util.Set.of("simulator", "gradients", "potential", "md", "ffi", "training"), names);
    }

    @Test
    void unknownSuiteAndMissingJsonDirectoryAreNamed(@TempDir Path dir) {
        assertTrue(error("bench", "nosuch").contains("unknown benchmark 'nosuch'"));
        String e = error("bench", "simulator", "--quick", "--json", dir.resolve("missing/out.json").toString());
        assertTrue(e.contains("missing"), e);
    }

    private static String error(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(2, Main.run(args));
        } finally {
            System.setErr(old);
        }
        return err.toString();
    }
}
