package org.qff.qnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server on 127.0.0.1; nothing leaves the machine. */
class VerifiedDownloaderTest {
    @TempDir Path served;
    @TempDir Path root;
    private TestFileServer server;
    private ChecksumList sums;
    private byte[] train;
    private byte[] test;

    @BeforeEach
    void serve() throws IOException {
        Random rnd = new Random(21);
        train = new byte[300_000];
        test = new byte[1234];
        rnd.nextBytes(train);
        rnd.nextBytes(test);
        Files.write(served.resolve("rmd17_ethanol_train_01.npz"), train);
        Files.write(served.resolve("rmd17_ethanol_test_01.npz"), test);
        Files.write(served.resolve("rmd17_benzene_test_01.npz"), new byte[] {1, 2, 3});
        sums = ChecksumList.parse(
                VerifiedDownloader.sha256(served.resolve("rmd17_ethanol_train_01.npz")) + "  rmd17_ethanol_train_01.npz\n"
                + VerifiedDownloader.sha256(served.resolve("rmd17_ethanol_test_01.npz")) + " *rmd17_ethanol_test_01.npz\n"
                + "# benzene's listed digest is deliberately wrong\n"
                + "0".repeat(64) + "  rmd17_benzene_test_01.npz\n"
                + "1".repeat(64) + "  rmd17_uracil_test_01.npz\n", "test list");
        server = new TestFileServer(served);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Rmd17Fetcher fetcher() {
        return new Rmd17Fetcher(server.baseUrl(), sums, null);
    }

    private static List<String> leftovers(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void downloadsVerifiesAndThenSkips() throws Exception {
        Rmd17Fetcher f = fetcher();
        assertEquals(List.of("rmd17_ethanol_train_01.npz", "rmd17_ethanol_test_01.npz"), f.files(List.of("ethanol")));
        assertEquals(List.of("ethanol", "benzene", "uracil"), f.molecules());
        for (String name : f.files(List.of("ethanol"))) assertEquals(VerifiedDownloader.Outcome.DOWNLOADED, f.fetch(root, name).outcome());
        assertArrayEquals(train, Files.readAllBytes(root.resolve("rmd17/rmd17_ethanol_train_01.npz")));
        assertArrayEquals(test, Files.readAllBytes(root.resolve("rmd17/rmd17_ethanol_test_01.npz")));
        assertEquals(List.of(), leftovers(root.resolve("rmd17")));
        int before = server.requests.size();
        for (String name : f.files(List.of("ethanol"))) assertEquals(VerifiedDownloader.Outcome.ALREADY_VERIFIED, f.fetch(root, name).outcome());
        assertEquals(before, server.requests.size(), "verified files must not be requested again");
    }

    @Test
    void damagedExistingFileIsReplaced() throws Exception {
        Files.createDirectories(root.resolve("rmd17"));
        Files.write(root.resolve("rmd17/rmd17_ethanol_test_01.npz"), new byte[] {9, 9, 9});
        assertEquals(VerifiedDownloader.Outcome.DOWNLOADED, fetcher().fetch(root, "rmd17_ethanol_test_01.npz").outcome());
        assertArrayEquals(test, Files.readAllBytes(root.resolve("rmd17/rmd17_ethanol_test_01.npz")));
    }

    @Test
    void resumesPartialDownloadWithRange() throws Exception {
        Path dir = root.resolve("rmd17");
        Files.createDirectories(dir);
        Files.write(dir.resolve(".rmd17_ethanol_train_01.npz.part"), java.util.Arrays.copyOf(train, 100_000));
        assertEquals(VerifiedDownloader.Outcome.RESUMED, fetcher().fetch(root, "rmd17_ethanol_train_01.npz").outcome());
        assertEquals(List.of("/files/rmd17_ethanol_train_01.npz bytes=100000-"), server.requests);
        assertArrayEquals(train, Files.readAllBytes(dir.resolve("rmd17_ethanol_train_01.npz")));
        assertEquals(List.of(), leftovers(dir));
    }

    @Test
    void completePartialIsVerifiedWhenServerHasNothingLeftToSend() throws Exception {
        Path dir = root.resolve("rmd17");
        Files.createDirectories(dir);
        Files.write(dir.resolve(".rmd17_ethanol_test_01.npz.part"), test);
        assertEquals(VerifiedDownloader.Outcome.RESUMED, fetcher().fetch(root, "rmd17_ethanol_test_01.npz").outcome());
        assertEquals(List.of("/files/rmd17_ethanol_test_01.npz bytes=1234-"), server.requests); // answered 416
        assertArrayEquals(test, Files.readAllBytes(dir.resolve("rmd17_ethanol_test_01.npz")));
    }

    @Test
    void serverWithoutRangeSupportSendsWholeFile() throws Exception {
        server.supportRange = false;
        Path dir = root.resolve("rmd17");
        Files.createDirectories(dir);
        Files.write(dir.resolve(".rmd17_ethanol_train_01.npz.part"), java.util.Arrays.copyOf(train, 100_000));
        assertEquals(VerifiedDownloader.Outcome.DOWNLOADED, fetcher().fetch(root, "rmd17_ethanol_train_01.npz").outcome());
        assertArrayEquals(train, Files.readAllBytes(dir.resolve("rmd17_ethanol_train_01.npz")));
    }

    @Test
    void brokenConnectionLeavesResumablePartAndNoTarget() throws Exception {
        server.cutAfter = 50_000;
        Path dir = root.resolve("rmd17");
        var ex = assertThrows(IOException.class, () -> fetcher().fetch(root, "rmd17_ethanol_train_01.npz"));
        assertTrue(ex.getMessage().contains("rmd17_ethanol_train_01.npz") && ex.getMessage().contains("resume"), ex.getMessage());
        assertFalse(Files.exists(dir.resolve("rmd17_ethanol_train_01.npz")), "no half-written target");
        long partial = Files.size(dir.resolve(".rmd17_ethanol_train_01.npz.part"));
        assertTrue(partial > 0 && partial < train.length, "partial " + partial);
        server.cutAfter = -1;
        assertEquals(VerifiedDownloader.Outcome.RESUMED, fetcher().fetch(root, "rmd17_ethanol_train_01.npz").outcome());
        assertArrayEquals(train, Files.readAllBytes(dir.resolve("rmd17_ethanol_train_01.npz")));
    }

    @Test
    void corruptPartialIsRestartedFromScratch() throws Exception {
        Path dir = root.resolve("rmd17");
        Files.createDirectories(dir);
        byte[] bad = java.util.Arrays.copyOf(train, 100_000);
        bad[10] ^= 1;
        Files.write(dir.resolve(".rmd17_ethanol_train_01.npz.part"), bad);
        assertEquals(VerifiedDownloader.Outcome.DOWNLOADED, fetcher().fetch(root, "rmd17_ethanol_train_01.npz").outcome());
        assertArrayEquals(train, Files.readAllBytes(dir.resolve("rmd17_ethanol_train_01.npz")));
        assertEquals(2, server.requests.size());
    }

    @Test
    void checksumMismatchNamesFileAndKeepsNothing() throws Exception {
        var ex = assertThrows(IOException.class, () -> fetcher().fetch(root, "rmd17_benzene_test_01.npz"));
        assertTrue(ex.getMessage().contains("checksum mismatch for rmd17_benzene_test_01.npz") && ex.getMessage().contains("0".repeat(64)),
                ex.getMessage());
        assertEquals(List.of("rmd17_uracil_test_01.npz"), fetcher().files(List.of("uracil")));
        try (var s = Files.list(root.resolve("rmd17"))) {
            assertEquals(0, s.count(), "neither target nor .part may remain");
        }
    }

    @Test
    void httpErrorsAndUnknownMoleculesAreNamed() throws Exception {
        var ex = assertThrows(IOException.class, () -> fetcher().fetch(root, "rmd17_uracil_test_01.npz"));
        assertTrue(ex.getMessage().contains("HTTP 404") && ex.getMessage().contains("rmd17_uracil_test_01.npz"), ex.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> fetcher().files(List.of("ethanol", "water")));
        assertTrue(e2.getMessage().contains("\"water\""), e2.getMessage());
        server.close();
        var e3 = assertThrows(IOException.class, () -> fetcher().fetch(root, "rmd17_ethanol_test_01.npz"));
        assertTrue(e3.getMessage().contains("cannot download rmd17_ethanol_test_01.npz"), e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VerifiedDownloader(java.net.URI.create("ftp://x/"), null));
    }

    @Test
    void unusableTargetDirectoryIsNamed() throws Exception {
        Path notADir = root.resolve("file");
        Files.writeString(notADir, "x");
        var ex = assertThrows(IOException.class, () -> fetcher().fetch(notADir, "rmd17_ethanol_test_01.npz"));
        assertTrue(ex.getMessage().contains("cannot create directory") && ex.getMessage().contains(notADir.toString()), ex.getMessage());
        assertEquals(List.of(), server.requests, "nothing is requested when the file could not be stored");
    }

    @Test
    void checksumListParsingAndShippedList() {
        var ex = assertThrows(IllegalArgumentException.class, () -> ChecksumList.parse("abc  file.npz\n", "bad list"));
        assertTrue(ex.getMessage().contains("bad list: line 1"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChecksumList.parse("0".repeat(64) + "  ../evil.npz\n", "bad list"));
        ChecksumList shipped = ChecksumList.rmd17();
        assertEquals(100, shipped.sha256ByName().size());
        // Compared with /work/shared/data/rmd17/SHA256SUMS, first line.
        assertEquals("a3c3b61e782d01e6dd649a126004903f7873e8e7ee5034135abfdb8873be711d", shipped.expected("rmd17_aspirin_test_01.npz"));
        assertEquals(Rmd17.MOLECULES, new Rmd17Fetcher(Rmd17Fetcher.DEFAULT_BASE_URL, shipped, null).molecules().stream().sorted().toList());
    }
}
