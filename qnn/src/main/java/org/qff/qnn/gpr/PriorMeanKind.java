package org.qff.qnn.gpr;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The prior mean functions a GPR model can use, by the name written in model files and typed on
 * the command line. "Shifted-high" means are placed above every training energy by a margin, so
 * that far from the data, where the posterior falls back to the prior, the model predicts high
 * energies and pushes atoms back towards the training region (the FFLUX stability argument).
 */
public enum PriorMeanKind {
    /** m = 0. */
    ZERO("zero", -1, false),
    /** m = mean training energy, shared equally among the atoms. */
    CONSTANT("constant", 0, false),
    /** Least-squares fit, per atom, linear in the features (cos φ, sin φ for azimuths). */
    LINEAR("linear", 1, false),
    /** As linear plus diagonal second-order terms (z², and cos 2φ, sin 2φ for azimuths). */
    QUADRATIC("quadratic", 2, false),
    /** m = max training energy + margin. */
    SHIFTED_HIGH_CONSTANT("shifted-high-constant", 0, true),
    /** The linear fit raised so that it lies above every training energy by the margin. */
    SHIFTED_HIGH_LINEAR("shifted-high-linear", 1, true),
    /** The quadratic fit raised so that it lies above every training energy by the margin. */
    SHIFTED_HIGH_QUADRATIC("shifted-high-quadratic", 2, true);

    private final String fileName;
    private final int order;
    private final boolean shiftedHigh;

    PriorMeanKind(String fileName, int order, boolean shiftedHigh) {
        this.fileName = fileName;
        this.order = order;
        this.shiftedHigh = shiftedHigh;
    }

    /** The name used in model files and on the command line. */
    public String fileName() { return fileName; }

    /** Polynomial order of the feature-dependent part: −1 none (zero mean), 0 constant, 1, 2. */
    public int order() { return order; }

    public boolean shiftedHigh() { return shiftedHigh; }

    public static PriorMeanKind fromName(String name) {
        for (PriorMeanKind k : values()) if (k.fileName.equals(name)) return k;
        throw new IllegalArgumentException("unknown prior mean \"" + name + "\" (known: "
                + Arrays.stream(values()).map(PriorMeanKind::fileName).collect(Collectors.joining(", ")) + ")");
    }
}
