package org.qff.ffi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native peers the FFI tests drive (Debian's Python with ASE, gcc, LAMMPS), and running
 * them as subprocesses with a hard time limit. A test skips with a message naming the missing
 * tool; CI installs them all (.ci/run).
 */
public final class NativeTools {
    private NativeTools() {}

    /** Debian's Python: ASE and NumPy are installed for it, not for a pyenv python on PATH. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Module directory (Surefire runs tests there). */
    public static Path moduleDir() {
        Path p = Path.of("").toAbsolutePath();
        return Files.isDirectory(p.resolve("src/test/python")) ? p : p.resolve("ffi");
    }

    public static Path testPython(String script) {
        return moduleDir().resolve("src/test/python").resolve(script);
    }

    /** Skips the test unless /usr/bin/python3 can import ASE and NumPy. */
    public static void assumePythonWithAse() {
        boolean ok = Files.isExecutable(PYTHON);
        if (ok) {
            try {
                ok = run(List.of(PYTHON.toString(), "-c", "import ase, numpy"), 60, null).exitCode == 0;
            } catch (IOException e) {
                ok = false;
            }
        }
        assumeTrue(ok, "skipped: /usr/bin/python3 with ASE and NumPy is absent (apt-get install python3-ase python3-numpy)");
    }

    public static void assumeGcc() {
        assumeTrue(onPath("gcc"), "skipped: gcc is absent (apt-get install gcc)");
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** What a finished subprocess said. */
    public record Outcome(int exitCode, String stdout, String stderr) {}

    /** Starts a subprocess (stdout and stderr to temporary files, so neither pipe can fill). */
    public static Started start(List<String> command, java.util.Map<String, String> env) throws IOException {
        Path out = Files.createTempFile("qff-ffi-test", ".out");
        Path err = Files.createTempFile("qff-ffi-test", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (env != null) pb.environment().putAll(env);
        return new Started(pb.start(), out, err, String.join(" ", command));
    }

    public static Outcome run(List<String> command, long timeoutSeconds, java.util.Map<String, String> env) throws IOException {
        return start(command, env).await(timeoutSeconds);
    }

    /** A running subprocess. */
    public record Started(Process process, Path out, Path err, String description) {
        /** Waits at most {@code timeoutSeconds}, killing the process (and failing) on timeout. */
        public Outcome await(long timeoutSeconds) throws IOException {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    kill();
                    throw new AssertionError(description + " did not finish within " + timeoutSeconds + " s; stderr:\n" + read(err));
                }
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + description);
            }
            Outcome o = new Outcome(process.exitValue(), read(out), read(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return o;
        }

        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        private static String read(Path p) throws IOException {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        }
    }

    public static List<String> python(Path script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
