package org.qff.cli.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.cli.Main;
import org.qff.qnn.data.VerifiedDownloader;

/** {@code qff data fetch rmd17} end to end against a local HTTP server; never downloads. */
class FetchCommandTest {
    @TempDir Path served;
    @TempDir Path work;
    private HttpServer server;
    private String url;
    private Path sums;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(served.resolve("rmd17_ethanol_test_01.npz"), "ethanol test bytes");
        Files.writeString(served.resolve("rmd17_uracil_test_01.npz"), "uracil test bytes");
        sums = work.resolve("SUMS");
        Files.writeString(sums, VerifiedDownloader.sha256(served.resolve("rmd17_ethanol_test_01.npz")) + "  rmd17_ethanol_test_01.npz\n"
                + "f".repeat(64) + "  rmd17_uracil_test_01.npz\n");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                Path f = served.resolve(ex.getRequestURI().getPath().substring(1));
                if (!Files.isRegularFile(f)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] b = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void fetchesVerifiesAndSkipsOnSecondRun() throws Exception {
        Path to = work.resolve("data");
        Run r = run("data", "fetch", "rmd17", "--to", to.toString(), "--molecules", " ethanol ,", "--base-url", url, "--checksums", sums.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("fetching 1 rMD17 file into"), r.out());
        assertTrue(r.out().contains("rmd17_ethanol_test_01.npz: downloaded, checksum verified"), r.out());
        assertArrayEquals(Files.readAllBytes(served.resolve("rmd17_ethanol_test_01.npz")), Files.readAllBytes(to.resolve("rmd17/rmd17_ethanol_test_01.npz")));
        Run again = run("data", "fetch", "rmd17", "--to", to.toString(), "--molecules", "ethanol", "--base-url", url, "--checksums", sums.toString());
        assertEquals(0, again.code());
        assertTrue(again.out().contains("already present, checksum verified"), again.out());
    }

    @Test
    void checksumMismatchFailsWithExitCode2NamingTheFile() {
        Path to = work.resolve("data");
        Run r = run("data", "fetch", "rmd17", "--to", to.toString(), "--base-url", url, "--checksums", sums.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("checksum mismatch for rmd17_uracil_test_01.npz"), r.err());
        // The good file still arrived; the bad one left nothing behind.
        assertTrue(Files.isRegularFile(to.resolve("rmd17/rmd17_ethanol_test_01.npz")));
        assertFalse(Files.exists(to.resolve("rmd17/rmd17_uracil_test_01.npz")));
        assertFalse(Files.exists(to.resolve("rmd17/.rmd17_uracil_test_01.npz.part")));
    }

    @Test
    void badArgumentsAreNamed() {
        Run r1 = run("data", "fetch", "md22", "--to", work.toString());
        assertEquals(2, r1.code());
        assertTrue(r1.err().contains("unknown dataset \"md22\""), r1.err());
        Run r2 = run("data", "fetch", "rmd17", "--to", work.toString(), "--molecules", "ethanol,caffeine", "--base-url", url);
        assertEquals(2, r2.code());
        assertTrue(r2.err().contains("\"caffeine\""), r2.err());
        Run r3 = run("data", "fetch", "rmd17", "--to", work.toString(), "--base-url", "ftp://example.org/");
        assertEquals(2, r3.code());
        assertTrue(r3.err().contains("ftp://example.org/"), r3.err());
        Run help = run("data", "fetch", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--base-url") && help.out().contains("raw.githubusercontent.com/andersx/rmd17-npz"), help.out());
    }
}
