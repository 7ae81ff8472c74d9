package org.qff.md;

import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.Potential;

/**
 * The dynamical state of an MD run: positions (Å), velocities (Å/fs), forces (eV/Å) and
 * potential energy (eV) of a fixed set of atoms, the step counter, and the potential that
 * supplies forces. Integrators update it in place; nothing else is kept between steps.
 */
public final class MdSystem {
    private final int[] atomicNumbers;
    private final Cell cell;
    private final double[] masses;
    private final double[] inverseMassesKick;
    private final Potential potential;
    private final MomentumConstraints constraints;
    private final int degreesOfFreedom;

    public final double[] positions;
    public final double[] velocities;
    public final double[] forces;
    public double potentialEnergy;
    public long step;

    /**
     * Atoms of {@code start} at rest, forces evaluated.
     *
     * @throws IllegalArgumentException when the potential does not cover a species or cannot
     *     evaluate the starting structure, or no degree of freedom is left
     */
    public MdSystem(Structure start, Potential potential, MomentumConstraints constraints) {
        potential.checkCovers(start);
        int n = start.size();
        this.atomicNumbers = start.atomicNumbers();
        this.cell = start.cell();
        this.potential = potential;
        this.constraints = constraints;
        this.masses = new double[n];
        this.inverseMassesKick = new double[n];
        for (int i = 0; i < n; i++) {
            masses[i] = Elements.mass(atomicNumbers[i]);
            inverseMassesKick[i] = 1.0 / (masses[i] * Units.AMU_A2_PER_FS2);
        }
        this.positions = start.positions();
        this.velocities = new double[3 * n];
        this.forces = new double[3 * n];
        this.degreesOfFreedom = 3 * n - constraints.count(masses, positions);
        if (degreesOfFreedom <= 0) {
            throw new IllegalArgumentException(n + " atom(s) with " + constraints + " removed leave no degree of freedom to simulate");
        }
        computeForces();
    }

    public int size() { return masses.length; }

    public double mass(int i) { return masses[i]; }

    /** Masses in amu (a copy). */
    public double[] masses() { return masses.clone(); }

    /** 1 / (m · amu·Å²/fs² per eV): multiplies a force in eV/Å to give an acceleration in Å/fs². */
    double accelerationPerForce(int i) { return inverseMassesKick[i]; }

    public int atomicNumber(int i) { return atomicNumbers[i]; }

    /** Atomic numbers (a copy). */
    public int[] atomicNumbers() { return atomicNumbers.clone(); }

    public Potential potential() { return potential; }

    public MomentumConstraints constraints() { return constraints; }

    /** Degrees of freedom: 3N minus the constrained collective motions. */
    public int degreesOfFreedom() { return degreesOfFreedom; }

    public Cell cell() { return cell; }

    /** The current positions as a structure. */
    public Structure structure() {
        return new Structure(atomicNumbers, positions, cell);
    }

    /** Recomputes forces and potential energy at the current positions. */
    public void computeForces() {
        potentialEnergy = potential.compute(structure(), forces, null);
    }

    /** Kinetic energy in eV. */
    public double kineticEnergy() {
        double twice = 0;
        for (int i = 0; i < masses.length; i++) {
            double vx = velocities[3 * i], vy = velocities[3 * i + 1], vz = velocities[3 * i + 2];
            twice += masses[i] * (vx * vx + vy * vy + vz * vz);
        }
        return 0.5 * twice * Units.AMU_A2_PER_FS2;
    }

    /** Instantaneous temperature 2 KE / (N_f k_B) in K. */
    public double temperature() {
        return 2 * kineticEnergy() / (degreesOfFreedom * Units.KB);
    }

    /** v += h · F / m for every atom (h in fs). */
    void kick(double h) {
        for (int i = 0; i < masses.length; i++) {
            double c = h * inverseMassesKick[i];
            velocities[3 * i] += c * forces[3 * i];
            velocities[3 * i + 1] += c * forces[3 * i + 1];
            velocities[3 * i + 2] += c * forces[3 * i + 2];
        }
    }

    /** x += h · v (h in fs). */
    void drift(double h) {
        for (int k = 0; k < positions.length; k++) positions[k] += h * velocities[k];
    }

    /** Multiplies every velocity by {@code factor}. */
    void scaleVelocities(double factor) {
        for (int k = 0; k < velocities.length; k++) velocities[k] *= factor;
    }

    /** Removes the constrained collective motion from the velocities. */
    public void applyConstraints() {
        constraints.apply(masses, positions, velocities);
    }

    /**
     * Maxwell–Boltzmann velocities at {@code temperatureK}, constrained motion removed, then
     * scaled so the instantaneous temperature equals the target exactly (a reproducible start).
     */
    public void assignMaxwellBoltzmann(double temperatureK, Rng rng) {
        if (!(temperatureK >= 0) || !Double.isFinite(temperatureK)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0 K, got " + temperatureK);
        }
        for (int i = 0; i < masses.length; i++) {
            double sigma = Math.sqrt(Units.KB * temperatureK * inverseMassesKick[i]);
            for (int d = 0; d < 3; d++) velocities[3 * i + d] = sigma * rng.nextGaussian();
        }
        applyConstraints();
        double t = temperature();
        if (temperatureK == 0 || t == 0) {
            java.util.Arrays.fill(velocities, 0.0);
        } else {
            scaleVelocities(Math.sqrt(temperatureK / t));
        }
    }
}
