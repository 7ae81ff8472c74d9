package org.qff.benchmarks.gpr;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;

/**
 * Energy and forces of a GPR model file ({@code -p model=PATH}, e.g. an ethanol N = 1000 sparse
 * model under results/rmd17) on frame 0 of the rMD17 training split of its molecule
 * ({@code -p molecule=}, read from $QFF_DATA): the force call an MD step with that model makes.
 * Uses only {@link Potentials#load} and {@link Potential#compute}, so the same class measures older
 * versions of the library too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 10, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class GprPotentialBenchmark {

    @Param({})
    public String model;

    @Param({"ethanol"})
    public String molecule;

    private Potential potential;
    private Structure structure;
    private double[] forces;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        org.qff.qnn.gpr.GprPotential.register();
        potential = Potentials.load(model);
        structure = Rmd17.load(Rmd17.defaultDataRoot(), molecule, Rmd17.Part.TRAIN, 1).structure(0);
        forces = new double[3 * structure.size()];
    }

    @Benchmark
    public double energyAndForces() {
        return potential.compute(structure, forces, null);
    }
}
