package org.qff.qnn.descriptor;

import org.qff.qnn.atoms.Structure;

import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic choice of atomic local frames for a molecule from one reference geometry.
 *
 * <p>Rule (FFLUX uses Cahn–Ingold–Prelog priorities among bonded neighbours; we use geometry,
 * which needs no bond perception): the x-axis atom is the centre's nearest atom; the xy-plane
 * atom is the next-nearest atom that is not collinear with the first (|cos| &lt; 0.99). Ties in
 * distance go to the lower atom index. All other atoms follow in increasing index order.
 */
public final class LocalFrames {
    private LocalFrames() {}

    /** Above this |cos| of the angle x-atom–centre–candidate the candidate does not span a plane. */
    private static final double COLLINEAR_COS = 0.99;

    /** Frames with the default coordinates ({@link AlfCoordinates#DEFAULT}). */
    public static List<LocalFrame> choose(Structure reference) {
        return choose(reference, AlfCoordinates.DEFAULT);
    }

    public static List<LocalFrame> choose(Structure reference, AlfCoordinates coordinates) {
        int n = reference.size();
        if (n < 3) throw new IllegalArgumentException("atomic local frames need at least 3 atoms, the structure has " + n);
        List<LocalFrame> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) frames.add(chooseFor(reference, i, coordinates));
        return List.copyOf(frames);
    }

    private static LocalFrame chooseFor(Structure s, int i, AlfCoordinates coordinates) {
        int n = s.size();
        Integer[] order = new Integer[n - 1];
        for (int j = 0, k = 0; j < n; j++) if (j != i) order[k++] = j;
        double[] d2 = new double[n];
        for (int j = 0; j < n; j++) {
            double dx = s.x(j) - s.x(i), dy = s.y(j) - s.y(i), dz = s.z(j) - s.z(i);
            d2[j] = dx * dx + dy * dy + dz * dz;
        }
        java.util.Arrays.sort(order, (p, q) -> d2[p] != d2[q] ? Double.compare(d2[p], d2[q]) : Integer.compare(p, q));
        int a = order[0];
        int b = -1;
        for (int k = 1; k < order.length && b < 0; k++) {
            int c = order[k];
            double cos = ((s.x(a) - s.x(i)) * (s.x(c) - s.x(i)) + (s.y(a) - s.y(i)) * (s.y(c) - s.y(i))
                    + (s.z(a) - s.z(i)) * (s.z(c) - s.z(i))) / Math.sqrt(d2[a] * d2[c]);
            if (Math.abs(cos) < COLLINEAR_COS) b = c;
        }
        if (b < 0) throw new IllegalArgumentException("atom " + i + ": all other atoms are collinear with it, no local frame exists");
        int[] others = new int[n - 3];
        for (int j = 0, k = 0; j < n; j++) if (j != i && j != a && j != b) others[k++] = j;
        return new LocalFrame(i, a, b, others, coordinates);
    }
}
