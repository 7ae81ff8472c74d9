package org.qff.qnn.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the files of a directory on 127.0.0.1 (ephemeral port), optionally honouring Range
 * requests, and records every request's path and Range header.
 */
public final class TestFileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
    private final HttpServer server;
    private final Path dir;
    public volatile boolean supportRange = true;
    /** When positive, responses stop after this many body bytes (a broken connection). */
    public volatile int cutAfter = -1;
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public TestFileServer(Path dir) throws IOException {
        this.dir = dir;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/");
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String range = ex.getRequestHeaders().getFirst("Range");
            requests.add(path + (range != null ? " " + range : ""));
            Path file = path.startsWith("/files/") ? dir.resolve(path.substring(7)) : null;
            if (file == null || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] all = Files.readAllBytes(file);
            int from = 0;
            int status = 200;
            if (range != null && supportRange) {
                Matcher m = RANGE.matcher(range);
                if (m.matches()) {
                    from = Integer.parseInt(m.group(1));
                    if (from >= all.length) {
                        ex.getResponseHeaders().add("Content-Range", "bytes */" + all.length);
                        ex.sendResponseHeaders(416, -1);
                        return;
                    }
                    status = 206;
                    ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (all.length - 1) + "/" + all.length);
                }
            }
            int len = all.length - from;
            ex.sendResponseHeaders(status, len);
            try (OutputStream out = ex.getResponseBody()) {
                int n = cutAfter > 0 ? Math.min(cutAfter, len) : len;
                out.write(all, from, n);
                if (n < len) {
                    out.flush();
                    throw new IOException("simulated broken connection");
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
