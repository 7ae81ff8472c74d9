package org.qff.ffi.lammps;

import org.qff.qnn.potential.Potential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a LAMMPS input script to LAMMPS command by command, and hooks qff into every
 * {@code fix ID group external pf/callback N M} it defines: the callback is registered and
 * {@code fix_modify ID energy yes} issued right after the fix line, so qff's energy is part of
 * {@code pe}. Lines ending in {@code &} continue on the next line. Loops ({@code jump}/{@code label})
 * and fixes defined in {@code include}d files are not seen.
 */
public final class LammpsInputRunner {
    private final Potential potential;
    private final TypeSpecies types;
    private final Map<String, QffFixExternal> fixes = new LinkedHashMap<>();

    /** @param types elements of the atom types, or null to identify them by mass */
    public LammpsInputRunner(Potential potential, TypeSpecies types) {
        this.potential = potential;
        this.types = types;
    }

    /** The commands of a script, continuation lines joined. */
    public static List<String> commands(Path input) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("LAMMPS input " + input + " does not exist");
        }
        List<String> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String t = line.stripTrailing();
            if (t.endsWith("&")) {
                pending.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            pending.append(t);
            out.add(pending.toString());
            pending.setLength(0);
        }
        if (!pending.isEmpty()) out.add(pending.toString());
        return out;
    }

    /**
     * Runs the script.
     *
     * @throws IllegalArgumentException when the script defines no external fix before a run, or
     *     qff could not compute (the message names the fix, step and cause)
     */
    public void run(Lammps lammps, Path input) throws IOException {
        List<String> commands = commands(input);
        for (int i = 0; i < commands.size(); i++) {
            String cmd = commands.get(i);
            String[] w = cmd.strip().split("\\s+");
            if (w.length > 0 && (w[0].equals("run") || w[0].equals("minimize") || w[0].equals("rerun")) && fixes.isEmpty()) {
                throw new IllegalArgumentException(input + " line " + (i + 1) + ": \"" + w[0] + "\" before any \"fix ID all external pf/callback 1 1\": "
                        + "qff has no fix to supply forces through");
            }
            lammps.command(cmd);
            if (w.length >= 5 && w[0].equals("fix") && w[3].equals("external")) {
                if (!w[4].equals("pf/callback")) {
                    throw new IllegalArgumentException(input + " line " + (i + 1) + ": fix " + w[1] + " is external " + w[4] + "; qff needs pf/callback");
                }
                QffFixExternal fix = new QffFixExternal(lammps, w[1], potential, types);
                fix.register();
                lammps.command("fix_modify " + w[1] + " energy yes");
                fixes.put(w[1], fix);
            }
            for (QffFixExternal f : fixes.values()) {
                if (f.error() != null) throw new IllegalArgumentException(input + " line " + (i + 1) + ": " + f.error());
            }
        }
    }

    /** The fixes qff supplied, by id. */
    public Map<String, QffFixExternal> fixes() {
        return Map.copyOf(fixes);
    }
}
