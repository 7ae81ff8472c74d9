package org.qff.md.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.qff.md.Ensemble;
import org.qff.md.Instability;
import org.qff.md.MdSettings;
import org.qff.md.MdSimulation;
import org.qff.md.StabilityMonitor;
import org.qff.qnn.potential.LennardJones;

/**
 * One MD step as the engine takes it (integrator, force call, stability monitor; no file output)
 * on a 21-atom system: aspirin with a zero potential (the integrator's own overhead) or 21 argon
 * atoms with Lennard-Jones (a cheap real potential).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MdStepBenchmark {

    @Param({"zero-aspirin", "lj-argon21"})
    public String system;

    @Param({"nve", "nvt", "langevin"})
    public String ensemble;

    private MdSimulation sim;

    @Setup(Level.Iteration)
    public void setUp() {
        // with no forces atoms fly apart at thermal speed: only non-finite numbers may stop the benchmark
        var limits = new StabilityMonitor.Limits(1e12, 0.0, 1e12);
        MdSettings settings = MdSettings.of(Ensemble.parse(ensemble), 0.5, 300, 1).withLimits(limits);
        sim = system.equals("zero-aspirin")
                ? MdSimulation.start(BenchmarkSystems.aspirin(), BenchmarkSystems.ZERO, settings)
                : MdSimulation.start(BenchmarkSystems.argon21(), LennardJones.argon(), MdSettings.of(Ensemble.parse(ensemble), 5, 30, 1));
    }

    @Benchmark
    public long step() throws Exception {
        Instability bad = sim.run(sim.system().step + 1, null, null);
        if (bad != null) throw new IllegalStateException(bad.message());
        return sim.system().step;
    }
}
