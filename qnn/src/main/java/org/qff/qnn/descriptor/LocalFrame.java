package org.qff.qnn.descriptor;

import java.util.Arrays;

/**
 * Which atoms define the atomic local frame (ALF) of one centre atom, and in which order the
 * remaining atoms appear in its feature vector. Fixed once per molecule (from a reference
 * geometry) and then used for every geometry of that molecule, as in FFLUX: this fixes the atom
 * correspondence across frames, so the features are continuous along a trajectory.
 *
 * @param centre the atom the frame is attached to
 * @param xAxisAtom the atom that defines the local x axis (from the centre towards it)
 * @param xyPlaneAtom the atom that, with the x axis, spans the local xy plane (positive y side)
 * @param others every other atom, in the order its coordinates appear in the features
 * @param coordinates how the other atoms are placed: (r, θ, φ), (x, y, z) or (r, û) in the frame
 */
public record LocalFrame(int centre, int xAxisAtom, int xyPlaneAtom, int[] others, AlfCoordinates coordinates) {
    public LocalFrame {
        others = others.clone();
        if (coordinates == null) throw new IllegalArgumentException("local frame of atom " + centre + " needs a coordinate system");
        if (centre == xAxisAtom || centre == xyPlaneAtom || xAxisAtom == xyPlaneAtom) {
            throw new IllegalArgumentException("local frame of atom " + centre + " needs three distinct atoms, got x-axis atom "
                    + xAxisAtom + " and xy-plane atom " + xyPlaneAtom);
        }
        for (int j : others) {
            if (j == centre || j == xAxisAtom || j == xyPlaneAtom) {
                throw new IllegalArgumentException("local frame of atom " + centre + " lists frame atom " + j + " among the others");
            }
        }
    }

    /** Number of atoms the frame covers (centre, two frame atoms, others). */
    public int atomCount() { return 3 + others.length; }

    /** Feature count: r_x, r_xy, the angle between them, then {@link AlfCoordinates#perAtom()} features per other atom. */
    public int dimension() { return 3 + coordinates.perAtom() * others.length; }

    /** Whether feature {@code k} is an azimuthal angle φ (periodic with period 2π). */
    public boolean isPeriodic(int k) { return coordinates.isPeriodic(k); }

    @Override
    public int[] others() { return others.clone(); }

    /** The other atom at position {@code k} of the feature list. */
    public int other(int k) { return others[k]; }

    /** The frame after relabelling atoms: old atom {@code a} becomes {@code newIndexOf[a]}. */
    public LocalFrame relabelled(int[] newIndexOf) {
        int[] o = new int[others.length];
        for (int k = 0; k < o.length; k++) o[k] = newIndexOf[others[k]];
        return new LocalFrame(newIndexOf[centre], newIndexOf[xAxisAtom], newIndexOf[xyPlaneAtom], o, coordinates);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalFrame f && f.centre == centre && f.xAxisAtom == xAxisAtom && f.xyPlaneAtom == xyPlaneAtom
                && Arrays.equals(f.others, others) && f.coordinates == coordinates;
    }

    @Override
    public int hashCode() { return 31 * (31 * (31 * (31 * centre + xAxisAtom) + xyPlaneAtom) + Arrays.hashCode(others)) + coordinates.ordinal(); }

    @Override
    public String toString() {
        return "LocalFrame[centre=" + centre + ", x=" + xAxisAtom + ", xy=" + xyPlaneAtom + ", others=" + Arrays.toString(others) + ", " + coordinates.fileName() + "]";
    }
}
