package org.qff.benchmarks.potential;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.model.CircuitBackend;
import org.qff.qnn.model.DerivativeMethod;
import org.qff.qnn.model.LossGradient;
import org.qff.qnn.model.QnnModel;
import org.qff.qnn.model.QnnModels;
import org.qff.qnn.model.QnnPotential;
import org.qff.qnn.model.SampleMolecules;

import java.util.concurrent.TimeUnit;

/**
 * The default revised QNN potential on the first rMD17 frames of ethanol (9 atoms) and aspirin
 * (21 atoms): energy + forces per call on 1 thread and on 2 concurrent threads, and one training
 * step (loss and its gradient with the force term) per configuration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx512m"})
public class PotentialBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"ethanol", "aspirin"})
        public String molecule;

        Structure structure;
        QnnPotential potential, general, parallel2;
        QnnModel model;

        @Setup(Level.Trial)
        public void setUp() {
            structure = firstFrame(molecule);
            model = QnnModels.defaultRevised(new int[] {1, 6, 8}, 2026);
            potential = new QnnPotential(model);
            general = new QnnPotential(model, DerivativeMethod.ADJOINT, CircuitBackend.GENERAL_SIMULATOR);
            parallel2 = potential.withThreads(2);
        }
    }

    /** Frame 0 of rMD17 train split 01 from $QFF_DATA when present, else the same frame built in (6 decimals). */
    static Structure firstFrame(String molecule) {
        try {
            return Rmd17.load(Rmd17.defaultDataRoot(), molecule, Rmd17.Part.TRAIN, 1).structure(0);
        } catch (java.io.IOException | RuntimeException e) {
            return molecule.equals("aspirin") ? SampleMolecules.aspirin() : SampleMolecules.ethanol();
        }
    }

    @State(Scope.Thread)
    public static class PerThread {
        double[] forces;
        LossGradient loss;
        double[] grad, fRef;
        double eRef;

        @Setup(Level.Trial)
        public void setUp(Shared s) {
            forces = new double[3 * s.structure.size()];
            loss = new LossGradient(s.model);
            grad = new double[s.model.parameterCount()];
            fRef = new double[3 * s.structure.size()];
            eRef = s.potential.compute(s.structure, fRef, null) + 0.1;
            for (int k = 0; k < fRef.length; k++) fRef[k] += 0.05 * ((k % 7) - 3);
        }
    }

    @Benchmark
    @Threads(1)
    public double energyForces1(Shared s, PerThread t) {
        return s.potential.compute(s.structure, t.forces, null);
    }

    @Benchmark
    @Threads(2)
    public double energyForces2(Shared s, PerThread t) {
        return s.potential.compute(s.structure, t.forces, null);
    }

    /** One call split over 2 threads (caller + common pool): the latency an MD step sees. */
    @Benchmark
    @Threads(1)
    public double energyForcesSplit2(Shared s, PerThread t) {
        return s.parallel2.compute(s.structure, t.forces, null);
    }

    /** The same energy + forces with the circuits on the general simulator's adjoint evaluator, for the ratio. */
    @Benchmark
    @Threads(1)
    public double energyForcesGeneralSimulator(Shared s, PerThread t) {
        return s.general.compute(s.structure, t.forces, null);
    }

    @Benchmark
    @Threads(1)
    public double trainingStep(Shared s, PerThread t) {
        return t.loss.compute(s.structure, t.eRef, t.fRef, 1.0, 1.0, t.grad);
    }
}
