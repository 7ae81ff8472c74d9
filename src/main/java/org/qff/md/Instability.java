package org.qff.md;

/**
 * Why a run was stopped: the step and simulated time at which a check failed, what failed, the
 * atoms involved and the offending values, as one human-readable line.
 */
public record Instability(long step, double timeFs, String kind, int[] atoms, String detail) {
    public Instability {
        atoms = atoms.clone();
    }

    public String message() {
        return "unstable at step " + step + " (t = " + timeFs + " fs): " + kind
                + (atoms.length > 0 ? " [atoms " + java.util.Arrays.toString(atoms).replaceAll("[\\[\\]]", "") + "]" : "") + ": " + detail;
    }
}
