package org.qff.qnn.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;

/**
 * Extended XYZ, the multi-frame text format ASE reads and writes
 * ({@code ase.io.read(path, index=":")}).
 *
 * <p>Each frame: a line with the atom count, a comment line of {@code key=value} pairs, then one
 * line per atom. The comment line's {@code Properties=species:S:1:pos:R:3[:forces:R:3][:velocities:R:3]}
 * names the columns; {@code energy=} (eV), {@code Lattice="ax ay az bx by bz cx cy cz"} (Å) and
 * {@code pbc="T T T"} are understood; other keys are kept as text in {@link Frame#info()}. A plain
 * XYZ comment line (no {@code Properties=}) means species and positions only.
 *
 * <p>Numbers are written with {@link Double#toString}, the shortest text that reads back to the
 * same double, so write-then-read is exact. Reading errors name the file and line.
 */
public final class ExtXyz {
    private ExtXyz() {}

    /**
     * One frame: a structure with optional energy (eV), forces (eV/Å, 3N), velocities (Å/fs, 3N)
     * and other comment-line keys, kept in order as text.
     */
    public record Frame(Structure structure, Double energy, double[] forces, double[] velocities, Map<String, String> info) {
        public Frame {
            if (structure == null) throw new IllegalArgumentException("a frame needs a structure");
            int n3 = 3 * structure.size();
            if (forces != null && forces.length != n3) {
                throw new IllegalArgumentException("forces hold " + forces.length + " numbers for " + structure.size() + " atoms");
            }
            if (velocities != null && velocities.length != n3) {
                throw new IllegalArgumentException("velocities hold " + velocities.length + " numbers for " + structure.size() + " atoms");
            }
            forces = forces == null ? null : forces.clone();
            velocities = velocities == null ? null : velocities.clone();
            info = info == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(info));
        }

        public static Frame of(Structure structure) {
            return new Frame(structure, null, null, null, null);
        }
    }

    // ---------------------------------------------------------------- reading

    /** All frames of a file. Throws naming the file and line for anything malformed or empty. */
    public static List<Frame> readAll(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("structure file " + path + " does not exist");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("structure file " + path + " is not UTF-8 text");
        }
        return parse(new StringReader(text), path.toString());
    }

    /** The first frame of a file. */
    public static Frame readFirst(Path path) throws IOException {
        return readAll(path).getFirst();
    }

    /** The last frame of a file. */
    public static Frame readLast(Path path) throws IOException {
        return readAll(path).getLast();
    }

    /**
     * Parses all frames from text; {@code source} names the origin in error messages.
     *
     * @throws IllegalArgumentException for an empty input, a truncated frame, an unreadable
     *     number, an unknown element or an unsupported Properties specification
     */
    public static List<Frame> parse(Reader in, String source) throws IOException {
        BufferedReader r = new BufferedReader(in);
        List<Frame> frames = new ArrayList<>();
        int lineNo = 0;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                // Blank lines between or after frames are tolerated (ASE writes none, editors add them).
                continue;
            }
            int countLine = lineNo;
            int n;
            try {
                n = Integer.parseInt(line.trim());
            } catch (NumberFormatException e) {
                throw error(source, lineNo, "expected the atom count of frame " + (frames.size() + 1) + ", found \"" + abbreviate(line) + "\"");
            }
            if (n <= 0) throw error(source, lineNo, "atom count must be positive, found " + n);
            String comment = r.readLine();
            if (comment == null) {
                throw error(source, lineNo, "frame " + (frames.size() + 1) + " declares " + n + " atoms but the file ends before its comment line");
            }
            lineNo++;
            Header header = Header.parse(comment, source, lineNo);
            int[] z = new int[n];
            double[] pos = new double[3 * n];
            double[] forces = header.forcesColumn >= 0 ? new double[3 * n] : null;
            double[] vel = header.velocitiesColumn >= 0 ? new double[3 * n] : null;
            for (int i = 0; i < n; i++) {
                String atomLine = r.readLine();
                if (atomLine == null) {
                    throw error(source, lineNo, "file is truncated: frame " + (frames.size() + 1) + " (line " + countLine + ") declares " + n
                            + " atoms but has " + i);
                }
                lineNo++;
                String[] tok = atomLine.trim().split("\\s+");
                if (tok.length < header.columns) {
                    throw error(source, lineNo, "atom " + i + " has " + (atomLine.isBlank() ? 0 : tok.length) + " columns, Properties needs "
                            + header.columns);
                }
                z[i] = header.speciesIsNumber ? parseAtomicNumber(tok[header.speciesColumn], source, lineNo)
                        : parseSymbol(tok[header.speciesColumn], source, lineNo);
                for (int d = 0; d < 3; d++) {
                    pos[3 * i + d] = parseNumber(tok[header.posColumn + d], source, lineNo, "atom " + i + " position");
                    if (forces != null) forces[3 * i + d] = parseNumber(tok[header.forcesColumn + d], source, lineNo, "atom " + i + " force");
                    if (vel != null) vel[3 * i + d] = parseNumber(tok[header.velocitiesColumn + d], source, lineNo, "atom " + i + " velocity");
                }
            }
            Structure s;
            try {
                s = new Structure(z, pos, header.cell);
            } catch (IllegalArgumentException e) {
                throw error(source, countLine, e.getMessage());
            }
            frames.add(new Frame(s, header.energy, forces, vel, header.info));
        }
        if (frames.isEmpty()) throw new IllegalArgumentException("structure file " + source + " is empty (no frames)");
        return frames;
    }

    private static int parseSymbol(String tok, String source, int lineNo) {
        try {
            return Elements.atomicNumber(tok);
        } catch (IllegalArgumentException e) {
            throw error(source, lineNo, "unknown element \"" + tok + "\"");
        }
    }

    private static int parseAtomicNumber(String tok, String source, int lineNo) {
        int z;
        try {
            z = Integer.parseInt(tok);
        } catch (NumberFormatException e) {
            throw error(source, lineNo, "atomic number \"" + tok + "\" is not an integer");
        }
        if (!Elements.isKnown(z)) throw error(source, lineNo, "unknown element with atomic number " + z);
        return z;
    }

    private static double parseNumber(String tok, String source, int lineNo, String what) {
        double x;
        try {
            x = Double.parseDouble(tok);
        } catch (NumberFormatException e) {
            throw error(source, lineNo, what + " \"" + tok + "\" is not a number");
        }
        if (!Double.isFinite(x)) throw error(source, lineNo, what + " is not finite: " + tok);
        return x;
    }

    static IllegalArgumentException error(String source, int lineNo, String message) {
        return new IllegalArgumentException(source + " line " + lineNo + ": " + message);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** What the comment line says: where the columns are, energy, cell, other keys. */
    private static final class Header {
        int columns;
        int speciesColumn = -1;
        boolean speciesIsNumber;
        int posColumn = -1;
        int forcesColumn = -1;
        int velocitiesColumn = -1;
        Double energy;
        Cell cell;
        final Map<String, String> info = new LinkedHashMap<>();

        static Header parse(String comment, String source, int lineNo) {
            Header h = new Header();
            Map<String, String> kv = keyValues(comment, source, lineNo);
            String props = null;
            boolean[] pbc = null;
            for (var e : kv.entrySet()) {
                String key = e.getKey();
                String lower = key.toLowerCase(Locale.ROOT);
                switch (lower) {
                    case "properties" -> props = e.getValue();
                    case "energy" -> h.energy = parseNumber(e.getValue(), source, lineNo, "energy");
                    case "lattice" -> h.cell = parseLattice(e.getValue(), source, lineNo);
                    case "pbc" -> pbc = parsePbc(e.getValue(), source, lineNo);
                    default -> h.info.put(key, e.getValue());
                }
            }
            if (pbc != null && h.cell != null && !(pbc[0] && pbc[1] && pbc[2])) {
                if (pbc[0] || pbc[1] || pbc[2]) {
                    throw error(source, lineNo, "partly periodic cells (pbc=\"" + kv.get("pbc") + "\") are not supported");
                }
                h.cell = null; // a lattice given with pbc="F F F" is a box, not periodicity
            }
            if (pbc != null && h.cell == null && (pbc[0] || pbc[1] || pbc[2])) {
                throw error(source, lineNo, "pbc says periodic but there is no Lattice=");
            }
            h.layout(props == null ? "species:S:1:pos:R:3" : props, source, lineNo);
            return h;
        }

        private void layout(String props, String source, int lineNo) {
            String[] p = props.split(":");
            if (p.length % 3 != 0) throw error(source, lineNo, "Properties=\"" + props + "\" is not a list of name:type:count triples");
            int col = 0;
            for (int k = 0; k < p.length; k += 3) {
                String name = p[k];
                String type = p[k + 1];
                int count;
                try {
                    count = Integer.parseInt(p[k + 2]);
                } catch (NumberFormatException e) {
                    throw error(source, lineNo, "Properties column count \"" + p[k + 2] + "\" for " + name + " is not an integer");
                }
                if (count <= 0) throw error(source, lineNo, "Properties column count for " + name + " must be positive");
                if (!type.matches("[SRIL]")) throw error(source, lineNo, "Properties type \"" + type + "\" for " + name + " is not S, R, I or L");
                switch (name) {
                    case "species" -> {
                        expect(name, type, count, "S", 1, source, lineNo);
                        speciesColumn = col;
                    }
                    case "Z" -> {
                        expect(name, type, count, "I", 1, source, lineNo);
                        if (speciesColumn < 0) {
                            speciesColumn = col;
                            speciesIsNumber = true;
                        }
                    }
                    case "pos" -> {
                        expect(name, type, count, "R", 3, source, lineNo);
                        posColumn = col;
                    }
                    case "forces" -> {
                        expect(name, type, count, "R", 3, source, lineNo);
                        forcesColumn = col;
                    }
                    case "velocities" -> {
                        expect(name, type, count, "R", 3, source, lineNo);
                        velocitiesColumn = col;
                    }
                    default -> { } // other columns are skipped
                }
                col += count;
            }
            if (speciesColumn < 0) throw error(source, lineNo, "Properties=\"" + props + "\" has no species:S:1 (or Z:I:1) column");
            if (posColumn < 0) throw error(source, lineNo, "Properties=\"" + props + "\" has no pos:R:3 column");
            columns = col;
        }

        private static void expect(String name, String type, int count, String wantType, int wantCount, String source, int lineNo) {
            if (!type.equals(wantType) || count != wantCount) {
                throw error(source, lineNo, "Properties column " + name + " must be " + name + ":" + wantType + ":" + wantCount
                        + ", found " + name + ":" + type + ":" + count);
            }
        }

        private static Cell parseLattice(String v, String source, int lineNo) {
            String[] t = v.trim().split("\\s+");
            if (t.length != 9) throw error(source, lineNo, "Lattice needs 9 numbers, found " + t.length);
            double[] m = new double[9];
            for (int i = 0; i < 9; i++) m[i] = parseNumber(t[i], source, lineNo, "Lattice component");
            try {
                return new Cell(new double[] {m[0], m[1], m[2]}, new double[] {m[3], m[4], m[5]}, new double[] {m[6], m[7], m[8]});
            } catch (IllegalArgumentException e) {
                throw error(source, lineNo, "Lattice: " + e.getMessage());
            }
        }

        private static boolean[] parsePbc(String v, String source, int lineNo) {
            String[] t = v.trim().split("\\s+");
            if (t.length != 3) throw error(source, lineNo, "pbc needs 3 flags, found \"" + v + "\"");
            boolean[] b = new boolean[3];
            for (int i = 0; i < 3; i++) {
                switch (t[i]) {
                    case "T", "True", "true", "1" -> b[i] = true;
                    case "F", "False", "false", "0" -> b[i] = false;
                    default -> throw error(source, lineNo, "pbc flag \"" + t[i] + "\" is not T or F");
                }
            }
            return b;
        }
    }

    /** The key=value pairs of a comment line, e.g. to find a frame's {@code step=} without parsing its atoms. */
    public static Map<String, String> keyValuesOf(String commentLine) {
        return keyValues(commentLine, "comment line", 0);
    }

    /** Splits a comment line into key=value pairs; values may be double-quoted; a bare key means "T". */
    static Map<String, String> keyValues(String line, String source, int lineNo) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) i++;
            String key = line.substring(start, i);
            while (i < n && Character.isWhitespace(line.charAt(i)) && nextNonSpaceIs(line, i, '=')) i++;
            if (i < n && line.charAt(i) == '=') {
                i++;
                while (i < n && Character.isWhitespace(line.charAt(i))) i++;
                String value;
                if (i < n && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
                    char q = line.charAt(i);
                    int end = line.indexOf(q, i + 1);
                    if (end < 0) throw error(source, lineNo, "unterminated quoted value for key " + key);
                    value = line.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int vs = i;
                    while (i < n && !Character.isWhitespace(line.charAt(i))) i++;
                    value = line.substring(vs, i);
                }
                out.put(key, value);
            } else {
                out.put(key, "T");
            }
        }
        return out;
    }

    private static boolean nextNonSpaceIs(String s, int i, char c) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i < s.length() && s.charAt(i) == c;
    }

    // ---------------------------------------------------------------- writing

    /** Appends one frame as text. */
    public static void write(Appendable out, Frame frame) throws IOException {
        Structure s = frame.structure();
        int n = s.size();
        double[] pos = s.positions();
        out.append(Integer.toString(n)).append('\n');
        StringBuilder c = new StringBuilder(128);
        if (s.isPeriodic()) {
            double[][] m = s.cell().matrix();
            c.append("Lattice=\"");
            for (int a = 0; a < 3; a++) {
                for (int d = 0; d < 3; d++) {
                    if (a + d > 0) c.append(' ');
                    c.append(m[a][d]);
                }
            }
            c.append("\" ");
        }
        c.append("Properties=species:S:1:pos:R:3");
        if (frame.forces() != null) c.append(":forces:R:3");
        if (frame.velocities() != null) c.append(":velocities:R:3");
        if (frame.energy() != null) c.append(" energy=").append(frame.energy().doubleValue());
        for (var e : frame.info().entrySet()) {
            String v = e.getValue();
            boolean quote = v.isEmpty() || v.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == '=' || ch == '"');
            if (v.indexOf('"') >= 0) throw new IllegalArgumentException("info value for " + e.getKey() + " contains a double quote");
            c.append(' ').append(e.getKey()).append('=').append(quote ? "\"" + v + "\"" : v);
        }
        c.append(s.isPeriodic() ? " pbc=\"T T T\"" : " pbc=\"F F F\"");
        out.append(c).append('\n');
        StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < n; i++) {
            line.setLength(0);
            line.append(Elements.symbol(s.atomicNumber(i)));
            appendVector(line, pos, i);
            if (frame.forces() != null) appendVector(line, frame.forces(), i);
            if (frame.velocities() != null) appendVector(line, frame.velocities(), i);
            out.append(line).append('\n');
        }
    }

    private static void appendVector(StringBuilder sb, double[] v, int i) {
        for (int d = 0; d < 3; d++) sb.append(' ').append(v[3 * i + d]);
    }

    /** One frame as text. */
    public static String format(Frame frame) {
        StringBuilder sb = new StringBuilder();
        try {
            write(sb, frame);
        } catch (IOException e) {
            throw new IllegalStateException(e); // StringBuilder does not throw
        }
        return sb.toString();
    }

    /** Writes frames to a file atomically (a reader never sees a partial file). */
    public static void writeAll(Path path, List<Frame> frames) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Frame f : frames) write(sb, f);
        AtomicFiles.writeString(path, sb.toString());
    }

    /** Reads every frame of a text, e.g. a test fixture. */
    public static List<Frame> parse(String text, String source) {
        try {
            return parse(new StringReader(text), source);
        } catch (IOException e) {
            throw new IllegalStateException(e); // StringReader does not throw
        }
    }
}
