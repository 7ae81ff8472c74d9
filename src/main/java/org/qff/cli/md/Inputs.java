package org.qff.cli.md;

import java.io.IOException;
import java.nio.file.Path;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.io.ExtXyz;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;

/** Reading what the MD commands are given, with errors that name the file or value. */
final class Inputs {
    private Inputs() {}

    /** The first frame of an (extended) XYZ file. */
    static Structure structure(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("--structure FILE.xyz is required");
        return ExtXyz.readFirst(file).structure();
    }

    /** A built-in potential by name or a model file, checked against the structure's species. */
    static Potential model(String spec, Structure structure) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--model NAME|FILE is required");
        Potential p = Potentials.load(spec);
        if (structure != null) p.checkCovers(structure);
        return p;
    }

    static double positive(String option, double value, String unit) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(option + " must be a positive number of " + unit + ", got " + value);
        }
        return value;
    }

    /** Human-readable duration of simulated time. */
    static String simulatedTime(double fs) {
        if (fs >= 1e6) return String.format("%.3f ns", fs / 1e6);
        if (fs >= 1e3) return String.format("%.3f ps", fs / 1e3);
        return String.format("%.1f fs", fs);
    }
}
