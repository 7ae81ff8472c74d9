package org.qff.bench.ffi;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;
import org.qff.qnn.potential.Potential;

/** Baseline: what a Java caller pays per step (a Structure at new positions, then compute). */
@State(Scope.Thread)
public class DirectCallBench {
    Potential lj;
    int[] z;
    double[] positions;
    double[] forces;

    @Setup
    public void setup() {
        Structure s = Argon21.structure();
        lj = LennardJones.argon();
        z = s.atomicNumbers();
        positions = s.positions();
        forces = new double[positions.length];
    }

    @Benchmark
    public double direct() {
        return lj.compute(new Structure(z, positions), forces, null);
    }
}
