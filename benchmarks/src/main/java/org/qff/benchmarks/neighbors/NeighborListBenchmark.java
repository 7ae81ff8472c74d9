package org.qff.benchmarks.neighbors;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.neighbors.NeighborList;

/**
 * Rebuilding a neighbour list (cutoff 4 Å) of a random isolated cluster at 0.1 atoms/Å³ (about
 * the atom density of liquid water or an organic crystal): brute force against cell lists, to
 * place {@link NeighborList#CELL_LIST_THRESHOLD}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NeighborListBenchmark {
    @Param({"50", "100", "200", "400", "1000"})
    int atoms;

    @Param({"BRUTE_FORCE", "CELL_LIST"})
    NeighborList.Strategy strategy;

    private Structure structure;
    private NeighborList list;

    @Setup
    public void setup() {
        Random rnd = new Random(1);
        double box = Math.cbrt(atoms / 0.1);
        double[] p = new double[3 * atoms];
        for (int k = 0; k < p.length; k++) p[k] = box * rnd.nextDouble();
        int[] z = new int[atoms];
        Arrays.fill(z, 6);
        structure = new Structure(z, p);
        list = new NeighborList(4.0, strategy);
        list.build(structure);
    }

    @Benchmark
    public int build() {
        list.build(structure);
        return list.size();
    }
}
