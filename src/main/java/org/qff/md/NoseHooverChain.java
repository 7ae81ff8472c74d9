package org.qff.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.qff.qnn.atoms.Units;

/**
 * Nosé–Hoover chain thermostat (Martyna, Klein, Tuckerman 1992) integrated by the
 * Martyna–Tuckerman–Tobias–Klein (1996) Trotter factorisation: half a thermostat step
 * (Suzuki–Yoshida fourth-order, {@code nc} sub-steps), velocity Verlet, half a thermostat step.
 * Masses Q₁ = N_f k_B T τ², Q_k = k_B T τ². The extended energy
 * KE + PE + Σ ½ Q_k v_ξk² + N_f k_B T ξ₁ + k_B T Σ_{k≥2} ξ_k is conserved.
 */
public final class NoseHooverChain implements Integrator {
    private static final double W1 = 1.0 / (2.0 - Math.cbrt(2.0));
    private static final double[] SUZUKI_YOSHIDA = {W1, 1.0 - 2.0 * W1, W1};

    private final double dt;
    private final double temperature;
    private final double tau;
    private final int chainLength;
    private final int substeps;
    private final double[] xi;
    private final double[] vxi;
    private double[] q;
    private int dof = -1;

    public NoseHooverChain(double timestepFs, double temperatureK, double tauFs, int chainLength) {
        this.dt = MdParameters.checkTimestep(timestepFs);
        this.temperature = MdParameters.checkTemperature(temperatureK);
        this.tau = MdParameters.checkTau(tauFs);
        if (chainLength < 1 || chainLength > 20) throw new IllegalArgumentException("chain length must be 1..20, got " + chainLength);
        this.chainLength = chainLength;
        this.substeps = 1;
        this.xi = new double[chainLength];
        this.vxi = new double[chainLength];
    }

    public int chainLength() { return chainLength; }

    private void init(MdSystem s) {
        if (dof == s.degreesOfFreedom()) return;
        dof = s.degreesOfFreedom();
        double kt = Units.KB * temperature;
        q = new double[chainLength];
        q[0] = dof * kt * tau * tau;
        for (int k = 1; k < chainLength; k++) q[k] = kt * tau * tau;
    }

    @Override
    public void step(MdSystem s) {
        init(s);
        halfThermostat(s);
        s.kick(0.5 * dt);
        s.drift(dt);
        s.computeForces();
        s.kick(0.5 * dt);
        halfThermostat(s);
        s.step++;
    }

    /** exp(iL_NHC dt/2): the chain's own Trotter expansion, scaling the particle velocities once per sub-step. */
    private void halfThermostat(MdSystem s) {
        int m = chainLength;
        double kt = Units.KB * temperature;
        double ke2 = 2 * s.kineticEnergy();
        double scale = 1.0;
        for (int c = 0; c < substeps; c++) {
            for (double w : SUZUKI_YOSHIDA) {
                double h = w * 0.5 * dt / substeps;
                // down the chain
                vxi[m - 1] += 0.5 * h * force(m - 1, ke2, kt);
                for (int k = m - 2; k >= 0; k--) {
                    double e = Math.exp(-0.25 * h * vxi[k + 1]);
                    vxi[k] = e * (e * vxi[k] + 0.5 * h * force(k, ke2, kt));
                }
                // scale particle velocities, move the thermostat coordinates
                double f = Math.exp(-h * vxi[0]);
                scale *= f;
                ke2 *= f * f;
                for (int k = 0; k < m; k++) xi[k] += h * vxi[k];
                // back up the chain
                for (int k = 0; k < m - 1; k++) {
                    double e = Math.exp(-0.25 * h * vxi[k + 1]);
                    vxi[k] = e * (e * vxi[k] + 0.5 * h * force(k, ke2, kt));
                }
                vxi[m - 1] += 0.5 * h * force(m - 1, ke2, kt);
            }
        }
        s.scaleVelocities(scale);
    }

    /** G_k: the thermostat force on link k (1/fs²). */
    private double force(int k, double ke2, double kt) {
        return k == 0 ? (ke2 - dof * kt) / q[0] : (q[k - 1] * vxi[k - 1] * vxi[k - 1] - kt) / q[k];
    }

    @Override
    public double timestep() { return dt; }

    @Override
    public double conservedEnergy(MdSystem s) {
        init(s);
        double kt = Units.KB * temperature;
        double e = s.potentialEnergy + s.kineticEnergy();
        for (int k = 0; k < chainLength; k++) {
            e += 0.5 * q[k] * vxi[k] * vxi[k];
            e += (k == 0 ? dof : 1) * kt * xi[k];
        }
        return e;
    }

    @Override
    public Ensemble ensemble() { return Ensemble.NVT; }

    @Override
    public void save(DataOutput out) throws IOException {
        out.writeInt(chainLength);
        for (int k = 0; k < chainLength; k++) {
            out.writeDouble(xi[k]);
            out.writeDouble(vxi[k]);
        }
    }

    @Override
    public void load(DataInput in) throws IOException {
        int m = in.readInt();
        if (m != chainLength) throw new IOException("restart file has a chain of length " + m + ", this run asks for " + chainLength);
        for (int k = 0; k < chainLength; k++) {
            xi[k] = in.readDouble();
            vxi[k] = in.readDouble();
        }
    }
}
