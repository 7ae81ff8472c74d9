package org.qff.qnn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qff.qnn.atoms.Units;

/**
 * Reads rMD17 (Christensen and von Lilienfeld 2020) in its pre-split layout: files
 * {@code <root>/rmd17/rmd17_<molecule>_<train|test>_<01..05>.npz}, each with
 * {@code nuclear_charges} (N,), {@code coords} (F, N, 3) in Å, {@code energies} (F,) in
 * kcal/mol and {@code forces} (F, N, 3) in kcal/mol/Å. Energies and forces are converted to eV
 * and eV/Å on loading (1 kcal/mol = {@link Units#KCAL_PER_MOL} eV). The other keys
 * ({@code old_*}, the noisier MD17 labels) are not read.
 *
 * <p>For the official archive layout see {@link Rmd17Archive}.
 */
public final class Rmd17 {
    private Rmd17() {}

    /** The ten molecules of rMD17. */
    public static final List<String> MOLECULES = List.of("aspirin", "azobenzene", "benzene", "ethanol", "malonaldehyde",
            "naphthalene", "paracetamol", "salicylic", "toluene", "uracil");

    /** Number of published train/test split pairs. */
    public static final int SPLITS = 5;

    /** Which half of a split. */
    public enum Part {
        TRAIN, TEST;

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    static final String[] KEYS = {"nuclear_charges", "coords", "energies", "forces"};

    /** The directory named by {@code QFF_DATA}, or {@code ./data} when it is unset. */
    public static Path defaultDataRoot() {
        String env = System.getenv("QFF_DATA");
        return Path.of(env == null || env.isBlank() ? "data" : env);
    }

    /** {@code rmd17_<molecule>_<part>_<NN>.npz}. */
    public static String splitFileName(String molecule, Part part, int split) {
        checkMolecule(molecule);
        if (split < 1 || split > SPLITS) throw new IllegalArgumentException("rMD17 split must be 1 to " + SPLITS + ", got " + split);
        return String.format(Locale.ROOT, "rmd17_%s_%s_%02d.npz", molecule, part.label(), split);
    }

    static void checkMolecule(String molecule) {
        if (!MOLECULES.contains(molecule)) throw new IllegalArgumentException("unknown rMD17 molecule \"" + molecule + "\" (known: " + String.join(", ", MOLECULES) + ")");
    }

    /**
     * Loads {@code <dataRoot>/rmd17/rmd17_<molecule>_<part>_<NN>.npz}.
     *
     * @throws IOException when the file is missing (the message says how to fetch it) or unreadable
     */
    public static Dataset load(Path dataRoot, String molecule, Part part, int split) throws IOException {
        Path file = dataRoot.resolve("rmd17").resolve(splitFileName(molecule, part, split));
        if (!Files.isRegularFile(file)) {
            throw new IOException("rMD17 file " + file + " not found (run `qff data fetch rmd17 --to " + dataRoot + " --molecules " + molecule
                    + "`, or set QFF_DATA to the directory that holds rmd17/)");
        }
        return readSplitFile(file);
    }

    /** Reads one pre-split file (any name). */
    public static Dataset readSplitFile(Path file) throws IOException {
        return fromArrays(file.toString(), Npz.read(file, KEYS));
    }

    /** Builds a dataset from the four rMD17 arrays, checking their shapes and converting units. */
    static Dataset fromArrays(String source, Map<String, NpyArray> a) {
        NpyArray z = a.get("nuclear_charges"), r = a.get("coords"), e = a.get("energies"), f = a.get("forces");
        if (z.rank() != 1) throw shape(source, z, "(N,)");
        int n = z.dim(0);
        if (r.rank() != 3 || r.dim(1) != n || r.dim(2) != 3) throw shape(source, r, "(F, " + n + ", 3) for the " + n + " atoms of nuclear_charges");
        int frames = r.dim(0);
        boolean energyColumn = e.rank() == 2 && e.dim(1) == 1; // some exports keep a trailing axis
        if (!(e.rank() == 1 || energyColumn) || e.dim(0) != frames) throw shape(source, e, "(" + frames + ",) to match coords");
        if (f.rank() != 3 || f.dim(0) != frames || f.dim(1) != n || f.dim(2) != 3) throw shape(source, f, "(" + frames + ", " + n + ", 3) to match coords");
        if (!z.isIntegral()) throw new IllegalArgumentException(source + ": field nuclear_charges has dtype " + z.dtype() + ", expected an integer type");
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) numbers[i] = (int) z.values()[i];
        double[][] pos = new double[frames][3 * n];
        double[][] frc = new double[frames][3 * n];
        double[] en = new double[frames];
        double[] rv = r.values(), fv = f.values(), ev = e.values();
        for (int k = 0; k < frames; k++) {
            System.arraycopy(rv, k * 3 * n, pos[k], 0, 3 * n);
            for (int c = 0; c < 3 * n; c++) frc[k][c] = fv[k * 3 * n + c] * Units.KCAL_PER_MOL;
            en[k] = ev[k] * Units.KCAL_PER_MOL;
        }
        return Dataset.adopt(source, numbers, pos, en, frc);
    }

    private static IllegalArgumentException shape(String source, NpyArray a, String expected) {
        return new IllegalArgumentException(source + ": field " + a.name() + " has shape " + a.shapeString() + ", expected " + expected);
    }
}
