package org.qff.ffi.ipi;

import org.qff.qnn.atoms.Elements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The atomic numbers of the atoms an i-PI server will send. The protocol carries positions only,
 * so the driver learns the species from the user: a list ({@code --species C*2,H*6,O}), one
 * element for every atom ({@code --species Ar}), or the first frame of an XYZ file
 * ({@code --structure start.xyz}), in the server's atom order.
 */
public final class Species {
    private final int[] atomicNumbers; // null when one element covers any number of atoms
    private final int everyAtom;
    private final String source;

    private Species(int[] atomicNumbers, int everyAtom, String source) {
        this.atomicNumbers = atomicNumbers;
        this.everyAtom = everyAtom;
        this.source = source;
    }

    /**
     * Parses {@code Ar} (every atom argon) or a comma-separated list of {@code Symbol} or
     * {@code Symbol*count} items, e.g. {@code C*2,H*6,O}.
     */
    public static Species parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--species is empty");
        String[] items = spec.split(",");
        if (items.length == 1 && !items[0].contains("*")) {
            return new Species(null, element(items[0], spec), "--species " + spec);
        }
        List<Integer> zs = new ArrayList<>();
        for (String item : items) {
            String[] parts = item.trim().split("\\*");
            if (parts.length > 2 || parts[0].isBlank()) throw new IllegalArgumentException("--species item \"" + item + "\" is not Symbol or Symbol*count");
            int z = element(parts[0], spec);
            int count = 1;
            if (parts.length == 2) {
                try {
                    count = Integer.parseInt(parts[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--species item \"" + item + "\": count \"" + parts[1] + "\" is not an integer");
                }
                if (count < 1) throw new IllegalArgumentException("--species item \"" + item + "\": count must be positive");
            }
            for (int k = 0; k < count; k++) zs.add(z);
        }
        return new Species(zs.stream().mapToInt(Integer::intValue).toArray(), 0, "--species " + spec);
    }

    /** The species of the first frame of an extended or plain XYZ file. */
    public static Species fromXyz(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("structure file " + file + " does not exist");
        }
        if (lines.isEmpty()) throw new IllegalArgumentException("structure file " + file + " is empty");
        int n;
        try {
            n = Integer.parseInt(lines.get(0).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line 1: expected the atom count, got \"" + lines.get(0) + "\"");
        }
        if (n < 1) throw new IllegalArgumentException(file + " line 1: atom count " + n + " must be positive");
        if (lines.size() < n + 2) throw new IllegalArgumentException(file + ": " + n + " atoms announced but only " + Math.max(0, lines.size() - 2) + " atom lines");
        int[] zs = new int[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i + 2).trim();
            String sym = line.split("\\s+")[0];
            try {
                zs[i] = Elements.atomicNumber(sym);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 3) + " (atom " + i + "): unknown element \"" + sym + "\"");
            }
        }
        return new Species(zs, 0, "--structure " + file);
    }

    /** A fixed list of atomic numbers. */
    public static Species of(int... atomicNumbers) {
        for (int i = 0; i < atomicNumbers.length; i++) {
            if (!Elements.isKnown(atomicNumbers[i])) throw new IllegalArgumentException("atom " + i + " has unknown atomic number " + atomicNumbers[i]);
        }
        return new Species(atomicNumbers.clone(), 0, "atomic numbers");
    }

    private static int element(String symbol, String spec) {
        try {
            return Elements.atomicNumber(symbol);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--species " + spec + ": unknown element \"" + symbol.trim() + "\"");
        }
    }

    /**
     * The atomic numbers for {@code n} atoms.
     *
     * @throws IpiProtocolException when the server's atom count disagrees with the user's list
     */
    public int[] forAtoms(int n) throws IpiProtocolException {
        if (atomicNumbers == null) {
            int[] zs = new int[n];
            java.util.Arrays.fill(zs, everyAtom);
            return zs;
        }
        if (atomicNumbers.length != n) {
            throw new IpiProtocolException("the server sent " + n + " atoms but " + source + " gives " + atomicNumbers.length);
        }
        return atomicNumbers.clone();
    }

    @Override
    public String toString() {
        return source;
    }
}
