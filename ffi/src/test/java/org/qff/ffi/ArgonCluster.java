package org.qff.ffi;

import org.qff.qnn.atoms.Structure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** The test system: 21 argon atoms on a jittered 3.8 Å cubic grid (near the LJ minimum, bound). */
public final class ArgonCluster {
    private ArgonCluster() {}

    public static Structure structure(int n, long seed) {
        Random rng = new Random(seed);
        int[] z = new int[n];
        double[] r = new double[3 * n];
        for (int a = 0; a < n; a++) {
            z[a] = 18;
            int i = a / 9, j = (a / 3) % 3, k = a % 3;
            r[3 * a] = 3.8 * i + 0.05 * rng.nextGaussian();
            r[3 * a + 1] = 3.8 * j + 0.05 * rng.nextGaussian();
            r[3 * a + 2] = 3.8 * k + 0.05 * rng.nextGaussian();
        }
        return new Structure(z, r);
    }

    public static Structure structure() {
        return structure(21, 7);
    }

    /** Writes a structure as XYZ (symbols Ar, or X for atoms whose atomic number is not 18). */
    public static Path writeXyz(Structure s, Path file) throws IOException {
        StringBuilder sb = new StringBuilder().append(s.size()).append("\nargon cluster\n");
        for (int i = 0; i < s.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%s %.17g %.17g %.17g%n", s.atomicNumber(i) == 18 ? "Ar" : "X", s.x(i), s.y(i), s.z(i)));
        }
        return Files.writeString(file, sb.toString());
    }
}
