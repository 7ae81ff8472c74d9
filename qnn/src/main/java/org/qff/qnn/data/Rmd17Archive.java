package org.qff.qnn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads rMD17 in the layout of the official archive (figshare 12672038, extracted):
 * {@code <root>/npz_data/rmd17_<molecule>.npz} with all 100 000 frames of a molecule (same keys
 * and units as {@link Rmd17}), and {@code <root>/splits/index_train_0N.csv} /
 * {@code index_test_0N.csv} listing 1000 frame indices each (0-based, one per line), the same
 * for every molecule.
 */
public final class Rmd17Archive {
    private Rmd17Archive() {}

    /** All frames of a molecule. */
    public static Dataset readMolecule(Path root, String molecule) throws IOException {
        Rmd17.checkMolecule(molecule);
        Path file = root.resolve("npz_data").resolve("rmd17_" + molecule + ".npz");
        if (!Files.isRegularFile(file)) throw new IOException("rMD17 archive file " + file + " not found (expected the extracted archive's rmd17/ directory as root)");
        return Rmd17.fromArrays(file.toString(), Npz.read(file, Rmd17.KEYS));
    }

    /** The frames of split N's train or test part, read from the molecule's full file. */
    public static Dataset split(Path root, String molecule, Rmd17.Part part, int split) throws IOException {
        return select(readMolecule(root, molecule), root, molecule, part, split);
    }

    /** Like {@link #split} for an already loaded full dataset (avoids reading the big file twice). */
    public static Dataset select(Dataset all, Path root, String molecule, Rmd17.Part part, int split) throws IOException {
        Path csv = indexFile(root, part, split);
        int[] idx = readIndices(csv);
        for (int t = 0; t < idx.length; t++) {
            if (idx[t] < 0 || idx[t] >= all.size()) {
                throw new IllegalArgumentException(csv + ": index " + idx[t] + " on data line " + (t + 1) + " is outside 0.." + (all.size() - 1)
                        + " (the frames of " + all.name() + ")");
            }
        }
        String name = String.format(Locale.ROOT, "rmd17_%s_%s_%02d (archive)", molecule, part.label(), split);
        return all.subset(idx, name);
    }

    static Path indexFile(Path root, Rmd17.Part part, int split) {
        if (split < 1 || split > Rmd17.SPLITS) throw new IllegalArgumentException("rMD17 split must be 1 to " + Rmd17.SPLITS + ", got " + split);
        return root.resolve("splits").resolve(String.format(Locale.ROOT, "index_%s_%02d.csv", part.label(), split));
    }

    /**
     * Frame indices of a split file: integers separated by newlines, commas or spaces; a value
     * written as a float (e.g. {@code 1234.0}) is accepted when it is a whole number.
     *
     * @throws IllegalArgumentException naming the file, line and text of a value that is not an index
     */
    public static int[] readIndices(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) throw new IOException("split index file " + csv + " not found");
        List<String> lines = Files.readAllLines(csv);
        List<Integer> out = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            for (String tok : lines.get(l).split("[,\\s]+")) {
                String t = tok.trim();
                if (t.isEmpty()) continue;
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(csv + ": line " + (l + 1) + ": \"" + t + "\" is not a frame index");
                }
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw new IllegalArgumentException(csv + ": line " + (l + 1) + ": \"" + t + "\" is not a whole number");
                out.add((int) v);
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(csv + ": no indices");
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
