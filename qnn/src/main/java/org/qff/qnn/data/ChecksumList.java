package org.qff.qnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expected SHA-256 digests by file name, in the format of {@code sha256sum}: one
 * {@code <64 hex digits>  <name>} per line (a {@code *} before the name, for binary mode, is
 * accepted; blank lines and {@code #} comments are skipped).
 */
public record ChecksumList(Map<String, String> sha256ByName) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String RMD17_RESOURCE = "rmd17-SHA256SUMS";

    public ChecksumList {
        sha256ByName = Collections.unmodifiableMap(new LinkedHashMap<>(sha256ByName));
    }

    /** The checksums of the published rMD17 split files, shipped with qff. */
    public static ChecksumList rmd17() {
        try (InputStream in = ChecksumList.class.getResourceAsStream(RMD17_RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RMD17_RESOURCE + " missing from the qff-qnn jar");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RMD17_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + RMD17_RESOURCE, e);
        }
    }

    public static ChecksumList read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /**
     * @throws IllegalArgumentException naming the source and line of a malformed entry
     */
    public static ChecksumList parse(String text, String source) {
        Map<String, String> map = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n");
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("\\s+", 2);
            String hex = parts[0].toLowerCase(Locale.ROOT);
            if (parts.length != 2 || !HEX.matcher(hex).matches()) {
                throw new IllegalArgumentException(source + ": line " + (l + 1) + " is not \"<sha256 hex>  <file name>\": " + line);
            }
            String name = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
                throw new IllegalArgumentException(source + ": line " + (l + 1) + ": file name \"" + name + "\" must be a plain name");
            }
            map.put(name, hex);
        }
        if (map.isEmpty()) throw new IllegalArgumentException(source + ": no checksums");
        return new ChecksumList(map);
    }

    public String expected(String name) { return sha256ByName.get(name); }
}
