package org.qff.qnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads files over HTTP(S) into a directory and verifies each against its expected SHA-256.
 *
 * <ul>
 *   <li>A target that already exists with the right digest is left alone (no request).
 *   <li>Bytes go to {@code .<name>.part} beside the target; only a fully downloaded, verified
 *       file is renamed (atomically where the file system allows) to its name, so the target is
 *       never half-written.
 *   <li>A {@code .part} left by an interrupted run is resumed with an HTTP Range request; a
 *       server that ignores the range (status 200) gets the whole file again.
 *   <li>A digest mismatch deletes the {@code .part} (a bad prefix must not be resumed) and fails
 *       naming the file and both digests.
 * </ul>
 *
 * Not thread-safe; one download at a time.
 */
public final class VerifiedDownloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /** What happened to one file. */
    public enum Outcome { ALREADY_VERIFIED, DOWNLOADED, RESUMED }

    /** Progress of the current file; {@code total} is −1 when the server does not say. */
    @FunctionalInterface
    public interface Listener {
        void progress(String name, long bytesDone, long total);
    }

    private final HttpClient http;
    private final URI baseUrl;
    private final Listener listener;

    public VerifiedDownloader(URI baseUrl, Listener listener) {
        String s = baseUrl.toString();
        this.baseUrl = URI.create(s.endsWith("/") ? s : s + "/");
        String scheme = this.baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("base URL " + baseUrl + " must be http:// or https://");
        }
        this.listener = listener == null ? (n, d, t) -> {} : listener;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Makes {@code dir/name} a verified copy of {@code baseUrl + name}.
     *
     * @throws IOException naming the file for HTTP errors, network failures and digest mismatches
     */
    public Outcome fetch(Path dir, String name, String expectedSha256) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create directory " + dir + ": " + e, e);
        }
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target)) {
            // A verified file needs no write access (a read-only shared data directory is fine).
            if (sha256(target).equals(expectedSha256)) return Outcome.ALREADY_VERIFIED;
            // A damaged or foreign file: replace it (the rename below is atomic over it).
        }
        if (!Files.isWritable(dir)) throw new IOException("directory " + dir + " is not writable");
        Path part = dir.resolve("." + name + ".part");
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        boolean resumed = false;
        if (have > 0) {
            resumed = download(name, part, have);
        } else {
            download(name, part, 0);
        }
        String actual = sha256(part);
        if (!actual.equals(expectedSha256) && resumed) {
            // The kept prefix may be what is wrong (e.g. the file changed on the server): once more from scratch.
            Files.deleteIfExists(part);
            download(name, part, 0);
            resumed = false;
            actual = sha256(part);
        }
        if (!actual.equals(expectedSha256)) {
            Files.deleteIfExists(part);
            throw new IOException("checksum mismatch for " + name + ": expected SHA-256 " + expectedSha256 + ", got " + actual
                    + " (the download was discarded; run again, or check --base-url)");
        }
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return resumed ? Outcome.RESUMED : Outcome.DOWNLOADED;
    }

    /** Downloads into {@code part}, from byte {@code offset} when positive; true when a range was honoured. */
    private boolean download(String name, Path part, long offset) throws IOException {
        URI uri = baseUrl.resolve(name);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (offset > 0) req.header("Range", "bytes=" + offset + "-");
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + name + " interrupted", e);
        } catch (IOException e) {
            throw new IOException("cannot download " + name + " from " + uri + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
        int status = resp.statusCode();
        boolean append;
        long total;
        if (status == 206 && offset > 0) {
            String cr = resp.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(cr);
            if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                resp.body().close();
                throw new IOException("server sent an unexpected range for " + name + " (asked from byte " + offset + ", got \"" + cr + "\")");
            }
            append = true;
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        } else if (status == 416 && offset > 0) {
            // Nothing left to send: the .part may already be complete; the digest check decides.
            resp.body().close();
            return true;
        } else if (status == 200) {
            append = false;
            total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        } else {
            resp.body().close();
            throw new IOException("HTTP " + status + " for " + uri + " (file " + name + ")");
        }
        long done = append ? offset : 0;
        try (InputStream in = resp.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            int r;
            listener.progress(name, done, total);
            while ((r = in.read(buf)) >= 0) {
                out.write(buf, 0, r);
                done += r;
                listener.progress(name, done, total);
            }
        } catch (IOException e) {
            // The bytes so far stay in .part for the next run to resume.
            throw new IOException("download of " + name + " broke off after " + done + " bytes (run again to resume): " + e.getMessage(), e);
        }
        if (total >= 0 && done != total) {
            throw new IOException("download of " + name + " ended after " + done + " of " + total + " bytes (run again to resume)");
        }
        return append;
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) >= 0) md.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
