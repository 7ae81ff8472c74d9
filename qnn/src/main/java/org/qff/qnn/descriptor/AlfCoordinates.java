package org.qff.qnn.descriptor;

import java.util.Locale;

/**
 * How an atomic local frame places every non-frame atom: the coordinate system of its features.
 * The first three features are the same for both (the two frame distances and the frame angle).
 *
 * <p>{@link #SPHERICAL} is FFLUX's choice, (r, θ, φ) per atom. φ is undefined on the local z axis:
 * when an atom passes close to it during MD, φ swings through up to π within one time step, so any
 * model that depends on φ has an energy that jumps there, and its forces (∝ 1/ρ, ρ the distance
 * from the axis) spike. That is what stopped most GPR stability runs (conserved-energy steps of
 * 0.02–0.2 eV; see results/rmd17/README.md). {@link #CARTESIAN} uses the atom's (x, y, z) in the
 * local frame instead: the same information, smooth wherever the frame itself is defined (the two
 * frame atoms not collinear with the centre), but radial and angular information share one length
 * scale per coordinate. {@link #DIRECTION} keeps them apart as the spherical features do, without
 * the pole: the distance r and the unit vector û = (x, y, z)/r, whose squared differences
 * |û − û'|² = 2(1 − cos γ) measure the angle γ between two directions smoothly everywhere on the
 * sphere. It is the default for new models.
 */
public enum AlfCoordinates {
    /** (r, θ, φ) per other atom; φ is periodic and singular on the local z axis. */
    SPHERICAL,
    /** (x, y, z) per other atom in the local frame; smooth wherever the frame is defined. */
    CARTESIAN,
    /** (r, û_x, û_y, û_z) per other atom: distance and unit direction in the local frame; smooth wherever the frame is defined. */
    DIRECTION;

    /** The default for new models. */
    public static final AlfCoordinates DEFAULT = DIRECTION;

    /** Features per non-frame atom. */
    public int perAtom() { return this == DIRECTION ? 4 : 3; }

    /** Whether feature {@code k} is an azimuthal angle φ (periodic with period 2π). */
    public boolean isPeriodic(int k) {
        return this == SPHERICAL && k >= 3 && (k - 3) % 3 == 2;
    }

    /** Whether feature {@code k} is an angle in radians (rather than a length in Å or a direction cosine). */
    private boolean isAngle(int k) {
        return k == 2 || (this == SPHERICAL && k >= 3 && (k - 3) % 3 != 0);
    }

    /**
     * Feature group for shared length-scale multipliers: 0 distances (the frame distances, and r of
     * the other atoms in spherical and direction coordinates), 1 the frame angle (and θ), 2 φ
     * (spherical), the local x, y, z (Cartesian) or the direction cosines û (direction).
     */
    public int group(int k) {
        if (k < 2) return 0;
        if (k == 2) return 1;
        return switch (this) {
            case CARTESIAN -> 2;
            case DIRECTION -> (k - 3) % 4 == 0 ? 0 : 2;
            case SPHERICAL -> isPeriodic(k) ? 2 : isAngle(k) ? 1 : 0;
        };
    }

    /** The name in model files and on the command line. */
    public String fileName() { return name().toLowerCase(Locale.ROOT); }

    public static AlfCoordinates parse(String name) {
        for (AlfCoordinates c : values()) if (c.fileName().equals(name)) return c;
        throw new IllegalArgumentException("unknown local-frame coordinates '" + name + "' (expected spherical, cartesian or direction)");
    }
}
