package org.qff.qnn.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches the pre-split rMD17 files ({@code rmd17_<molecule>_<train|test>_<NN>.npz}) into
 * {@code <dataRoot>/rmd17/}, verifying each against a checksum list (by default the one shipped
 * with qff, {@link ChecksumList#rmd17()}). See {@link VerifiedDownloader} for resuming and
 * atomic writes.
 */
public final class Rmd17Fetcher {
    /** Where the rMD17 author publishes the pre-split files. */
    public static final String DEFAULT_BASE = "https://raw.githubusercontent.com/andersx/rmd17-npz/master/rmd17-npz/";
    public static final URI DEFAULT_BASE_URL = URI.create(DEFAULT_BASE);

    /** One file's result. */
    public record Result(String name, VerifiedDownloader.Outcome outcome) {}

    private final ChecksumList checksums;
    private final VerifiedDownloader downloader;

    public Rmd17Fetcher(URI baseUrl, ChecksumList checksums, VerifiedDownloader.Listener listener) {
        this.checksums = checksums;
        this.downloader = new VerifiedDownloader(baseUrl, listener);
    }

    /** The molecules the checksum list has files for, in list order. */
    public List<String> molecules() {
        List<String> out = new ArrayList<>();
        for (String name : checksums.sha256ByName().keySet()) {
            String m = moleculeOf(name);
            if (m != null && !out.contains(m)) out.add(m);
        }
        return out;
    }

    /**
     * The file names for the given molecules (all when empty), in checksum-list order.
     *
     * @throws IllegalArgumentException naming a molecule the list has no files for
     */
    public List<String> files(List<String> molecules) {
        List<String> known = molecules();
        for (String m : molecules) {
            if (!known.contains(m)) throw new IllegalArgumentException("unknown rMD17 molecule \"" + m + "\" (known: " + String.join(", ", known) + ")");
        }
        List<String> out = new ArrayList<>();
        for (String name : checksums.sha256ByName().keySet()) {
            String m = moleculeOf(name);
            if (m != null && (molecules.isEmpty() || molecules.contains(m))) out.add(name);
        }
        return out;
    }

    /** Fetches one file of the list into {@code <dataRoot>/rmd17/}. */
    public Result fetch(Path dataRoot, String name) throws IOException {
        String sha = checksums.expected(name);
        if (sha == null) throw new IllegalArgumentException("no checksum for " + name);
        return new Result(name, downloader.fetch(dataRoot.resolve("rmd17"), name, sha));
    }

    /** {@code rmd17_<molecule>_<train|test>_<NN>.npz} → molecule, else null. */
    static String moleculeOf(String name) {
        var m = java.util.regex.Pattern.compile("rmd17_([a-z0-9]+)_(train|test)_\\d+\\.npz").matcher(name);
        return m.matches() ? m.group(1) : null;
    }
}
