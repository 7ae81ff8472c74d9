package org.qff.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.qff.qnn.atoms.Units;

/**
 * Langevin dynamics by the BAOAB splitting (Leimkuhler & Matthews 2013): half kick, half drift,
 * exact Ornstein–Uhlenbeck velocity update, half drift, half kick. Configurational averages are
 * exact to O(dt²) with a small constant. The noise is projected like the velocities (centre of
 * mass and, for isolated molecules, rotation held at zero), which samples the canonical
 * distribution on the remaining degrees of freedom exactly. The heat exchanged with the bath is
 * accumulated so that energy plus heat is a conserved diagnostic.
 */
public final class LangevinBaoab implements Integrator {
    private final double dt;
    private final double temperature;
    private final double friction;
    private final double c1;
    private final double c2;
    private final Rng rng;
    private double heat;

    /**
     * @param tauFs the velocity relaxation time 1/γ in fs
     */
    public LangevinBaoab(double timestepFs, double temperatureK, double tauFs, Rng rng) {
        this.dt = MdParameters.checkTimestep(timestepFs);
        this.temperature = MdParameters.checkTemperature(temperatureK);
        this.friction = 1.0 / MdParameters.checkTau(tauFs);
        this.c1 = Math.exp(-friction * dt);
        this.c2 = Math.sqrt(1 - c1 * c1);
        this.rng = rng;
    }

    @Override
    public void step(MdSystem s) {
        s.kick(0.5 * dt);
        s.drift(0.5 * dt);
        double before = s.kineticEnergy();
        double kt = Units.KB * temperature;
        for (int i = 0; i < s.size(); i++) {
            double sigma = c2 * Math.sqrt(kt * s.accelerationPerForce(i));
            for (int d = 0; d < 3; d++) {
                s.velocities[3 * i + d] = c1 * s.velocities[3 * i + d] + sigma * rng.nextGaussian();
            }
        }
        s.applyConstraints();
        heat += before - s.kineticEnergy();
        s.drift(0.5 * dt);
        s.computeForces();
        s.kick(0.5 * dt);
        s.step++;
    }

    @Override
    public double timestep() { return dt; }

    @Override
    public double conservedEnergy(MdSystem s) {
        return s.potentialEnergy + s.kineticEnergy() + heat;
    }

    @Override
    public Ensemble ensemble() { return Ensemble.LANGEVIN; }

    @Override
    public void save(DataOutput out) throws IOException {
        out.writeDouble(heat);
        rng.save(out);
    }

    @Override
    public void load(DataInput in) throws IOException {
        heat = in.readDouble();
        rng.load(in);
    }
}
