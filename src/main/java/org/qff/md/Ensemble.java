package org.qff.md;

import java.util.Locale;

/** The ensembles qff's engine samples, with the name used on the command line. */
public enum Ensemble {
    NVE("nve"),
    NVT("nvt"),
    LANGEVIN("langevin");

    private final String cliName;

    Ensemble(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() { return cliName; }

    public boolean hasThermostat() { return this != NVE; }

    public static Ensemble parse(String s) {
        for (Ensemble e : values()) if (e.cliName.equals(s.toLowerCase(Locale.ROOT))) return e;
        throw new IllegalArgumentException("unknown ensemble \"" + s + "\" (use nve, nvt or langevin)");
    }
}
