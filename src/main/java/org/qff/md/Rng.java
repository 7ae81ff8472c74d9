package org.qff.md;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A seeded random source whose whole state is three fields, so a restart file can store it and a
 * continued run draws exactly the numbers an uninterrupted one would. SplitMix64 (Steele, Lea,
 * Flood 2014) for uniforms; Box–Muller for normals, keeping the second normal of each pair.
 */
public final class Rng {
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
    private long state;
    private boolean hasSpare;
    private double spare;

    public Rng(long seed) {
        this.state = seed;
    }

    private long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * TWO_POW_MINUS_53;
    }

    /** Standard normal. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        double phi = 2.0 * Math.PI * u2;
        spare = r * Math.sin(phi);
        hasSpare = true;
        return r * Math.cos(phi);
    }

    public void save(DataOutput out) throws IOException {
        out.writeLong(state);
        out.writeBoolean(hasSpare);
        out.writeDouble(spare);
    }

    public void load(DataInput in) throws IOException {
        state = in.readLong();
        hasSpare = in.readBoolean();
        spare = in.readDouble();
    }
}
