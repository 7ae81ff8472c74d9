package org.qff.md;

import java.io.IOException;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

/**
 * One MD run: the system, its integrator, the stability monitor, and the loop that ties them to
 * the outputs. Start fresh with {@link #start} or continue a restart file with {@link #resume};
 * both paths give bit-identical trajectories because every variable that influences a step lives
 * in the restart file.
 */
public final class MdSimulation {
    /** Called after each accepted step (for progress reporting). */
    @FunctionalInterface
    public interface StepListener {
        void stepped(MdSimulation sim);
    }

    private final MdSettings settings;
    private final MdSystem system;
    private final Integrator integrator;
    private final double[] referencePositions;
    private final StabilityMonitor monitor;

    // the last state that passed the monitor, for the report when a later one does not
    private final double[] goodPositions;
    private final double[] goodVelocities;
    private final double[] goodForces;
    private double goodEnergy;
    private long goodStep;

    MdSimulation(MdSettings settings, MdSystem system, Integrator integrator, double[] referencePositions, double referenceEnergy) {
        this.settings = settings;
        this.system = system;
        this.integrator = integrator;
        this.referencePositions = referencePositions.clone();
        this.monitor = new StabilityMonitor(settings.limits(), system, referencePositions, referenceEnergy, settings.ensemble());
        this.goodPositions = system.positions.clone();
        this.goodVelocities = system.velocities.clone();
        this.goodForces = system.forces.clone();
        this.goodEnergy = system.potentialEnergy;
        this.goodStep = system.step;
    }

    /**
     * A fresh run: Maxwell–Boltzmann velocities at the settings' temperature from its seed, centre
     * of mass (and rotation, for isolated molecules) removed.
     *
     * @throws IllegalArgumentException when the potential does not cover the structure or cannot evaluate it
     */
    public static MdSimulation start(Structure structure, Potential potential, MdSettings settings) {
        MdSystem system = new MdSystem(structure, potential, MomentumConstraints.defaultFor(structure.isPeriodic(), structure.size()));
        Rng rng = new Rng(settings.seed());
        system.assignMaxwellBoltzmann(settings.temperatureK(), rng);
        Integrator integrator = settings.newIntegrator(rng);
        return new MdSimulation(settings, system, integrator, system.positions, integrator.conservedEnergy(system));
    }

    /** Continues the run stored in a restart file with the same potential. */
    public static MdSimulation resume(java.nio.file.Path restartFile, Potential potential) throws IOException {
        return RestartFile.read(restartFile, potential);
    }

    public MdSettings settings() { return settings; }

    public MdSystem system() { return system; }

    public Integrator integrator() { return integrator; }

    public StabilityMonitor monitor() { return monitor; }

    double[] referencePositions() { return referencePositions; }

    public double timeFs() { return system.step * settings.timestepFs(); }

    public double conservedEnergy() { return integrator.conservedEnergy(system); }

    /**
     * Advances until {@code system().step == untilStep} or the monitor stops the run. Writes a
     * frame and thermo row every {@code every} steps, the restart file every {@code restartEvery}
     * steps and at the end, and the last good frame when stopped.
     *
     * @return null when the run completed, otherwise why it stopped
     */
    public Instability run(long untilStep, MdOutput out, StepListener listener) throws IOException {
        if (untilStep < system.step) {
            throw new IllegalArgumentException("the run is already at step " + system.step + ", past the requested " + untilStep);
        }
        if (out != null && system.step % settings.every() == 0 && !out.hasFrameAt(system.step)) out.frame(this);
        while (system.step < untilStep) {
            remember();
            Instability bad;
            try {
                integrator.step(system);
                bad = monitor.check(system, integrator.conservedEnergy(system), timeFs());
            } catch (IllegalArgumentException e) {
                // the potential refused the new geometry (e.g. atoms on top of each other)
                long step = goodStep + 1;
                String kind = String.valueOf(e.getMessage()).contains("non-finite") ? "non-finite number" : "potential failed";
                bad = new Instability(step, step * settings.timestepFs(), kind, new int[0], e.getMessage());
            }
            if (bad != null) {
                if (out != null) out.stopped(this, bad);
                return bad;
            }
            if (out != null) {
                if (system.step % settings.every() == 0) out.frame(this);
                if (system.step % settings.restartEvery() == 0) out.restart(this);
            }
            if (listener != null) listener.stepped(this);
        }
        if (out != null) {
            out.restart(this);
            out.flush();
        }
        return null;
    }

    private void remember() {
        System.arraycopy(system.positions, 0, goodPositions, 0, goodPositions.length);
        System.arraycopy(system.velocities, 0, goodVelocities, 0, goodVelocities.length);
        System.arraycopy(system.forces, 0, goodForces, 0, goodForces.length);
        goodEnergy = system.potentialEnergy;
        goodStep = system.step;
    }

    /** The last state that passed the monitor (after a stop: the state before the failing step). */
    public LastGood lastGood() {
        return new LastGood(goodStep, goodStep * settings.timestepFs(), new Structure(system.atomicNumbers(), goodPositions, system.cell()),
                goodVelocities.clone(), goodForces.clone(), goodEnergy);
    }

    public record LastGood(long step, double timeFs, Structure structure, double[] velocities, double[] forces, double potentialEnergy) {}
}
