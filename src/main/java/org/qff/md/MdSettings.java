package org.qff.md;

/**
 * What a run does, fixed at its start and stored in its restart file.
 *
 * @param tauFs thermostat time constant: Nosé–Hoover period scale, Langevin 1/γ (ignored for NVE)
 * @param every write a trajectory frame and a thermo row every this many steps
 * @param restartEvery write the restart file every this many steps (and at the end)
 */
public record MdSettings(Ensemble ensemble, double timestepFs, double temperatureK, double tauFs, int chainLength, long seed,
        int every, int restartEvery, StabilityMonitor.Limits limits) {

    public MdSettings {
        if (ensemble == null) throw new IllegalArgumentException("ensemble is required");
        MdParameters.checkTimestep(timestepFs);
        if (ensemble.hasThermostat()) {
            MdParameters.checkTemperature(temperatureK);
        } else if (!(temperatureK >= 0) || !Double.isFinite(temperatureK)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0 K, got " + temperatureK);
        }
        MdParameters.checkTau(tauFs);
        if (chainLength < 1 || chainLength > 20) throw new IllegalArgumentException("chain length must be 1..20, got " + chainLength);
        if (every < 1) throw new IllegalArgumentException("--every must be >= 1, got " + every);
        if (restartEvery < 1) throw new IllegalArgumentException("restart interval must be >= 1, got " + restartEvery);
        if (limits == null) limits = StabilityMonitor.Limits.defaults();
    }

    /** Defaults: τ = 100 fs, chain of 3, output every 10 steps, restart every 10 000 steps (each restart is fsynced, ~10 ms). */
    public static MdSettings of(Ensemble ensemble, double timestepFs, double temperatureK, long seed) {
        return new MdSettings(ensemble, timestepFs, temperatureK, 100.0, 3, seed, 10, 10_000, StabilityMonitor.Limits.defaults());
    }

    public MdSettings withOutput(int every, int restartEvery) {
        return new MdSettings(ensemble, timestepFs, temperatureK, tauFs, chainLength, seed, every, restartEvery, limits);
    }

    public MdSettings withThermostat(double tauFs, int chainLength) {
        return new MdSettings(ensemble, timestepFs, temperatureK, tauFs, chainLength, seed, every, restartEvery, limits);
    }

    public MdSettings withLimits(StabilityMonitor.Limits limits) {
        return new MdSettings(ensemble, timestepFs, temperatureK, tauFs, chainLength, seed, every, restartEvery, limits);
    }

    /** A new integrator for these settings, drawing noise (Langevin) from {@code rng}. */
    Integrator newIntegrator(Rng rng) {
        return switch (ensemble) {
            case NVE -> new VelocityVerlet(timestepFs);
            case NVT -> new NoseHooverChain(timestepFs, temperatureK, tauFs, chainLength);
            case LANGEVIN -> new LangevinBaoab(timestepFs, temperatureK, tauFs, rng);
        };
    }
}
