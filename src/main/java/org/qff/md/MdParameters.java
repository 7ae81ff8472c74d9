package org.qff.md;

/** Checks of the physical parameters every integrator shares, with messages naming the value. */
final class MdParameters {
    private MdParameters() {}

    static double checkTimestep(double fs) {
        if (!(fs > 0) || !Double.isFinite(fs)) throw new IllegalArgumentException("time step must be a positive number of fs, got " + fs);
        return fs;
    }

    static double checkTemperature(double k) {
        if (!(k > 0) || !Double.isFinite(k)) throw new IllegalArgumentException("temperature must be a positive number of K, got " + k);
        return k;
    }

    static double checkTau(double fs) {
        if (!(fs > 0) || !Double.isFinite(fs)) throw new IllegalArgumentException("thermostat time constant must be a positive number of fs, got " + fs);
        return fs;
    }
}
