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
import org.qff.qnn.potential.Potentials;

/**
 * One Nosé–Hoover NVT step (0.5 fs, 300 K) on aspirin with a real model given by name or file
 * ({@code -p model=...}; {@link MdBenchmarks} passes it): the cost a user sees per MD step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MdModelStepBenchmark {

    @Param({})
    public String model;

    private MdSimulation sim;

    @Setup(Level.Iteration)
    public void setUp() {
        sim = MdSimulation.start(BenchmarkSystems.aspirin(), Potentials.load(model), MdSettings.of(Ensemble.NVT, 0.5, 300, 1));
    }

    @Benchmark
    public long step() throws Exception {
        Instability bad = sim.run(sim.system().step + 1, null, null);
        // this measures cost, not stability: a model that drifts apart is simply started again
        if (bad != null) setUp();
        return sim.system().step;
    }
}
