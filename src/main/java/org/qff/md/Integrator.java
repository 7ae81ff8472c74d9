package org.qff.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Advances an {@link MdSystem} by one time step. On entry and exit the system's forces belong to
 * its positions (one force evaluation per step). Implementations hold only their own variables
 * (thermostat coordinates, random state), which {@link #save}/{@link #load} write exactly.
 */
public interface Integrator {

    /** One step of {@link #timestep()} fs; increments {@code system.step}. */
    void step(MdSystem system);

    double timestep();

    /**
     * The quantity the exact dynamics conserves, in eV: total energy for NVE, the extended
     * Hamiltonian for Nosé–Hoover chains, total energy plus heat given to the bath for Langevin.
     */
    double conservedEnergy(MdSystem system);

    Ensemble ensemble();

    /** Thermostat and random-number state, written with exact doubles. */
    void save(DataOutput out) throws IOException;

    void load(DataInput in) throws IOException;
}
