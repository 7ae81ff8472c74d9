package org.qff.cli.train;

import java.nio.file.Path;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.train.LearningRateSchedule;
import org.qff.qnn.train.LossWeights;
import org.qff.qnn.train.TrainerConfig;
import picocli.CommandLine.Option;

/** Options shared by `qff train` and `qff learning-curve` (picocli mixin). */
public final class TrainingOptions {
    @Option(names = "--model-type", defaultValue = "revised", description = "revised | baseline | gpr (default: ${DEFAULT-VALUE})")
    String modelType;

    @Option(names = "--prior-mean", defaultValue = "constant",
            description = "GPR prior mean: zero, constant, linear, quadratic, shifted-high-constant, shifted-high-linear, shifted-high-quadratic (default: ${DEFAULT-VALUE})")
    String priorMean;

    @Option(names = "--inducing", description = "GPR: 0 = dense (exact) GPR, M = sparse GPR with M inducing geometries;"
            + " default: dense up to " + org.qff.workflow.Fitting.DENSE_LIMIT + " training geometries, else sparse with M = " + org.qff.workflow.Fitting.DEFAULT_INDUCING)
    Integer inducing;

    @Option(names = "--hyperparameter-frames", defaultValue = "" + org.qff.qnn.gpr.GprOptions.DEFAULT_HYPERPARAMETER_FRAMES,
            description = "GPR: training geometries the marginal-likelihood search uses, 0 = all (default: ${DEFAULT-VALUE})")
    int hyperparameterFrames;

    @Option(names = "--frame-coordinates", defaultValue = "direction",
            description = "GPR: how each atom's local frame places the other atoms: direction (r and the unit vector; smooth),"
                    + " cartesian (x, y, z; smooth) or spherical (r, theta, phi as in FFLUX; phi jumps when an atom crosses the"
                    + " frame's z axis) (default: ${DEFAULT-VALUE})")
    String frameCoordinates;

    @Option(names = "--shift-margin", defaultValue = "1.0",
            description = "GPR, shifted-high means: how far (eV) the mean lies above the highest training energy (default: ${DEFAULT-VALUE})")
    double shiftMargin;

    @Option(names = "--molecule", required = true, description = "rMD17 molecule, e.g. ethanol, aspirin")
    String molecule;

    @Option(names = "--split", defaultValue = "1", description = "rMD17 split 1..5 (default: ${DEFAULT-VALUE})")
    int split;

    @Option(names = "--data", description = "directory holding rmd17/ (default: $QFF_DATA or ./data)")
    Path data;

    @Option(names = "--epochs", defaultValue = "60", description = "maximum epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "" + TrainerConfig.DEFAULT_BATCH_SIZE, description = "frames per Adam step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", defaultValue = "" + TrainerConfig.DEFAULT_LEARNING_RATE, description = "peak learning rate, cosine-decayed (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--energy-weight", defaultValue = "" + LossWeights.DEFAULT_ENERGY, description = "loss weight of (E − E_ref)² in eV² (default: ${DEFAULT-VALUE})")
    double energyWeight;

    @Option(names = "--force-weight", defaultValue = "" + LossWeights.DEFAULT_FORCE, description = "loss weight of mean (F − F_ref)² in (eV/Å)² (default: ${DEFAULT-VALUE})")
    double forceWeight;

    @Option(names = "--patience", defaultValue = "" + TrainerConfig.DEFAULT_PATIENCE, description = "stop after this many epochs without a better validation loss; 0 never (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--seed", defaultValue = "1", description = "fixes data split, initial weights and shuffles (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", description = "training threads (default: all cores); the result depends on seed and thread count only")
    Integer threads;

    org.qff.workflow.Fitting.GprSettings gprSettings() {
        if (hyperparameterFrames < 0) throw new IllegalArgumentException("--hyperparameter-frames must be ≥ 0, got " + hyperparameterFrames);
        if (!(shiftMargin >= 0) || !Double.isFinite(shiftMargin)) throw new IllegalArgumentException("--shift-margin must be a finite number ≥ 0 eV, got " + shiftMargin);
        return new org.qff.workflow.Fitting.GprSettings(inducing, hyperparameterFrames,
                org.qff.qnn.descriptor.AlfCoordinates.parse(frameCoordinates), shiftMargin);
    }

    /** The GPR options as a reproducing command states them (the inducing count and search size only where not the default). */
    String gprCommandOptions(int trainingGeometries) {
        int m = org.qff.workflow.Fitting.resolveInducing(inducing, trainingGeometries);
        String s = m > 0 ? " --inducing " + m : "";
        if (hyperparameterFrames != org.qff.qnn.gpr.GprOptions.DEFAULT_HYPERPARAMETER_FRAMES) s += " --hyperparameter-frames " + hyperparameterFrames;
        // always stated: the default changed once (spherical, then direction), and a command must keep meaning one model
        s += " --frame-coordinates " + org.qff.qnn.descriptor.AlfCoordinates.parse(frameCoordinates).fileName();
        if (shiftMargin != org.qff.qnn.gpr.GprOptions.defaults().shiftMargin()) s += " --shift-margin " + shiftMargin;
        return s;
    }

    /**
     * The row tag of a GPR model: {@code gpr-<prior mean>-<coordinates>}, except for spherical frames (the rows
     * committed before the other coordinates existed are spherical and keep their plain names), and
     * {@code -margin<eV>} for a shift margin other than the default.
     */
    String gprTag() {
        var c = org.qff.qnn.descriptor.AlfCoordinates.parse(frameCoordinates);
        String margin = shiftMargin != org.qff.qnn.gpr.GprOptions.defaults().shiftMargin() ? "-margin" + shiftMargin : "";
        return "gpr-" + priorMean + (c == org.qff.qnn.descriptor.AlfCoordinates.SPHERICAL ? "" : "-" + c.fileName()) + margin;
    }

    Path dataRoot() {
        return data != null ? data : Rmd17.defaultDataRoot();
    }

    TrainerConfig config() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return new TrainerConfig(epochs, batchSize, new LearningRateSchedule(learningRate, Math.min(3, epochs / 10), epochs, 0.05),
                new LossWeights(energyWeight, forceWeight), patience, seed, t, 1, null, null);
    }
}
