package org.qff.cli.data;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qff.cli.Progress;
import org.qff.qnn.data.ChecksumList;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.data.Rmd17Fetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qff data fetch rmd17}: downloads the pre-split rMD17 files, verifies them against the
 * SHA-256 list shipped with qff, skips files already verified and resumes interrupted downloads.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        description = {"Download a dataset and verify its SHA-256 checksums.",
            "rmd17: the pre-split files rmd17_<molecule>_<train|test>_<01..05>.npz (1000 frames each) into DIR/rmd17/.",
            "Files already present and verified are skipped; interrupted downloads resume.",
            "Default --base-url: " + Rmd17Fetcher.DEFAULT_BASE})
public final class FetchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset to fetch: rmd17.")
    String dataset;

    @Option(names = "--to", paramLabel = "DIR", description = "Data directory (files go to DIR/rmd17/). Default: $QFF_DATA, else ./data.")
    Path to;

    @Option(names = "--molecules", split = ",", paramLabel = "M", description = "Molecules to fetch, comma-separated (default: all ten).")
    List<String> molecules = new ArrayList<>();

    @Option(names = "--base-url", paramLabel = "URL", description = "Where the files are served (default above).",
            defaultValue = Rmd17Fetcher.DEFAULT_BASE)
    String baseUrl;

    @Option(names = "--checksums", paramLabel = "FILE", description = "SHA256SUMS list to verify against (default: the list shipped with qff).")
    Path checksumFile;

    @Override
    public Integer call() throws IOException {
        if (!"rmd17".equals(dataset)) throw new IllegalArgumentException("unknown dataset \"" + dataset + "\" (known: rmd17)");
        URI base;
        try {
            base = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--base-url \"" + baseUrl + "\" is not a URL: " + e.getMessage());
        }
        ChecksumList sums = checksumFile == null ? ChecksumList.rmd17() : ChecksumList.read(checksumFile);
        Path root = to != null ? to : Rmd17.defaultDataRoot();

        Rmd17Fetcher probe = new Rmd17Fetcher(base, sums, null);
        List<String> files = probe.files(molecules.stream().map(String::strip).filter(m -> !m.isEmpty()).toList());
        System.out.println("fetching " + files.size() + (files.size() == 1 ? " rMD17 file" : " rMD17 files") + " into " + root.resolve("rmd17") + " from " + base);
        List<String> failures = new ArrayList<>();
        int fetched = 0, skipped = 0;
        try (Progress progress = Progress.start("rmd17", files.size())) {
            int[] position = {0};
            Rmd17Fetcher fetcher = new Rmd17Fetcher(base, sums, (name, done, total) ->
                    progress.stepTo(position[0], name + (total > 0 ? " " + (100 * done / total) + "%" : " " + done + " bytes")));
            for (int k = 0; k < files.size(); k++) {
                position[0] = k;
                String name = files.get(k);
                String prefix = "[" + (k + 1) + "/" + files.size() + "] " + name + ": ";
                try {
                    Rmd17Fetcher.Result r = fetcher.fetch(root, name);
                    switch (r.outcome()) {
                        case ALREADY_VERIFIED -> {
                            skipped++;
                            System.out.println(prefix + "already present, checksum verified");
                        }
                        case DOWNLOADED -> {
                            fetched++;
                            System.out.println(prefix + "downloaded, checksum verified");
                        }
                        case RESUMED -> {
                            fetched++;
                            System.out.println(prefix + "resumed, checksum verified");
                        }
                    }
                } catch (IOException e) {
                    failures.add(e.getMessage());
                    System.out.println(prefix + "FAILED: " + e.getMessage());
                }
                progress.stepTo(k + 1, name);
            }
        }
        System.out.println(fetched + " downloaded, " + skipped + " already present, " + failures.size() + " failed");
        if (!failures.isEmpty()) {
            throw new IOException(failures.size() + " of " + files.size() + " files failed; first: " + failures.get(0));
        }
        return 0;
    }
}
