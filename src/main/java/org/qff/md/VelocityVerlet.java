package org.qff.md;

import java.io.DataInput;
import java.io.DataOutput;

/** Velocity Verlet: symplectic and time-reversible, samples the microcanonical (NVE) ensemble. */
public final class VelocityVerlet implements Integrator {
    private final double dt;

    public VelocityVerlet(double timestepFs) {
        this.dt = MdParameters.checkTimestep(timestepFs);
    }

    @Override
    public void step(MdSystem s) {
        s.kick(0.5 * dt);
        s.drift(dt);
        s.computeForces();
        s.kick(0.5 * dt);
        s.step++;
    }

    @Override
    public double timestep() { return dt; }

    @Override
    public double conservedEnergy(MdSystem s) {
        return s.potentialEnergy + s.kineticEnergy();
    }

    @Override
    public Ensemble ensemble() { return Ensemble.NVE; }

    @Override
    public void save(DataOutput out) { }

    @Override
    public void load(DataInput in) { }
}
