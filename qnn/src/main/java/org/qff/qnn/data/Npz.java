package org.qff.qnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a NumPy {@code .npz} archive (a zip of {@code <key>.npy} members, stored or deflated)
 * into its arrays by key.
 */
public final class Npz {
    private Npz() {}

    /**
     * Reads the arrays of an archive, or only those named in {@code keys} when it is non-empty
     * (the others are not decompressed).
     *
     * @throws IOException when the file cannot be read (missing, unreadable)
     * @throws IllegalArgumentException naming the file (and member) when it is not a valid NPZ
     *     archive, a member is truncated or damaged, or a requested key is absent
     */
    public static Map<String, NpyArray> read(Path file, String... keys) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        if (!Files.isReadable(file)) throw new IOException("cannot read " + file + ": permission denied");
        List<String> wanted = List.of(keys);
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> present = new ArrayList<>();
            for (ZipEntry e : Collections.list(zip.entries())) {
                String key = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                present.add(key);
                if (!wanted.isEmpty() && !wanted.contains(key)) continue;
                if (e.getSize() > Integer.MAX_VALUE - 64) throw new IllegalArgumentException(file + ": member " + key + " is too large (" + e.getSize() + " bytes)");
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                } catch (ZipException | java.io.EOFException ex) {
                    throw new IllegalArgumentException(file + ": member " + key + " is damaged or truncated (" + ex.getMessage() + ")", ex);
                }
                if (e.getSize() >= 0 && bytes.length != e.getSize()) {
                    throw new IllegalArgumentException(file + ": member " + key + " is truncated (" + bytes.length + " of " + e.getSize() + " bytes)");
                }
                try {
                    out.put(key, Npy.parse(key, bytes));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(file + ": field " + ex.getMessage(), ex);
                }
            }
            for (String k : wanted) {
                if (!out.containsKey(k)) throw new IllegalArgumentException(file + ": missing field " + k + " (the archive holds " + present + ")");
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + " is not a valid NPZ archive (truncated or not a zip file: " + e.getMessage() + ")", e);
        }
        return out;
    }
}
