package org.qff.cli.run;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.cli.Progress;
import org.qff.simulator.exec.CompiledCircuit;
import org.qff.simulator.exec.Simulator;
import org.qff.simulator.io.Npy;
import org.qff.simulator.kernel.VectorKernels;
import org.qff.simulator.observable.Expectation;
import org.qff.simulator.observable.PauliSum;
import org.qff.simulator.qasm.QasmParser;
import org.qff.simulator.qasm.QasmProgram;
import org.qff.simulator.result.Counts;
import org.qff.simulator.result.MeasurementSampler;
import org.qff.simulator.result.Probabilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qff run FILE.qasm}: simulate an OpenQASM 2.0 circuit from |0…0⟩. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Simulate an OpenQASM 2.0 circuit (qelib1.inc gates, final measurements) from |0...0>.",
            "Qubits are numbered over all qregs in declaration order; qubit 0 is the least significant bit."
        })
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.qasm", description = "the OpenQASM 2.0 program")
    Path file;

    @Option(names = "--expect", paramLabel = "PAULI-SUM", description = "print the expectation value of a sum of Pauli strings, e.g. \"Z0 Z1\" or \"0.5 X0 X1 - Y2\"")
    String expect;

    @Option(names = "--statevector", paramLabel = "OUT.npy", description = "write the final state as a complex128 NPY array of shape (2^n,)")
    Path statevector;

    @Option(names = "--shots", paramLabel = "N", description = "sample N measurements and print the counts (over the measured classical bits if the program measures, else over all qubits)")
    Integer shots;

    @Option(names = "--seed", paramLabel = "S", description = "seed for --shots (default: a random seed, printed so the run can be repeated)")
    Long seed;

    @Option(names = "--fuse", paramLabel = "K", defaultValue = "2", description = "fuse gates into blocks of at most K qubits, 0 to switch off (default: ${DEFAULT-VALUE})")
    int fuse;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1", description = "threads for states of 2^14 amplitudes or more (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        if (shots == null && seed != null) throw new IllegalArgumentException("--seed " + seed + " given without --shots");
        if (shots != null && (shots < 1 || shots > MeasurementSampler.MAX_SHOTS)) {
            throw new IllegalArgumentException("--shots " + shots + " is outside 1.." + MeasurementSampler.MAX_SHOTS);
        }
        if (fuse < 0 || fuse > 5) throw new IllegalArgumentException("--fuse " + fuse + " is outside 0..5");
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("--threads " + threads + " is outside 1..256");
        PauliSum observable = expect == null ? null : PauliSum.parse(expect);
        QasmProgram program = QasmParser.parse(file);
        int n = program.circuit().qubits();
        if (observable != null && observable.maxQubit() >= n) {
            throw new IllegalArgumentException("--expect \"" + expect + "\" acts on qubit " + observable.maxQubit() + " but " + file + " has " + n + " qubits (0.." + (n - 1) + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("circuit: " + file + " (" + n + " qubits, " + program.circuit().size() + " gates)");
        CompiledCircuit compiled = Simulator.using(VectorKernels.withThreads(threads)).withFusion(fuse).compile(program.circuit());
        try (StateVector state = StateVector.zero(n)) {
            if (n >= PROGRESS_QUBITS) {
                try (Progress progress = Progress.start("simulating " + file.getFileName(), compiled.operationCount())) {
                    compiled.run(Bindings.NONE, state, progress::stepTo);
                }
            } else {
                compiled.run(Bindings.NONE, state);
            }
            if (observable != null) out.println("<" + expect.strip() + "> = " + Expectation.of(state, observable));
            if (statevector != null) {
                Npy.writeState(statevector, state);
                out.println("state vector: " + statevector + " (complex128, shape (" + state.dimension() + ",))");
            }
            if (shots != null) printCounts(out, program, state);
            if (observable == null && statevector == null && shots == null) printMostLikely(out, state);
        }
        out.flush();
        return 0;
    }

    /** Below this many qubits a run takes well under a second: no progress display. */
    private static final int PROGRESS_QUBITS = 20;

    private static final int SHOWN_OUTCOMES = 16;

    /** With no output requested: the most likely basis states, so a bare run still says something. */
    private static void printMostLikely(PrintWriter out, StateVector state) {
        java.util.PriorityQueue<double[]> top = new java.util.PriorityQueue<>((a, b) -> Double.compare(a[1], b[1]));
        for (long i = 0; i < state.dimension(); i++) {
            double p = Probabilities.of(state, i);
            if (p < 1e-12) continue;
            if (top.size() < SHOWN_OUTCOMES) top.add(new double[] {i, p});
            else if (p > top.peek()[1]) {
                top.poll();
                top.add(new double[] {i, p});
            }
        }
        java.util.List<double[]> list = new java.util.ArrayList<>(top);
        list.sort((a, b) -> Double.compare(b[1], a[1]));
        out.println("most likely basis states (qubits " + (state.qubits() - 1) + "..0), probability:");
        for (double[] e : list) out.println("  " + Counts.bitString((long) e[0], state.qubits()) + " " + e[1]);
    }

    private void printCounts(PrintWriter out, QasmProgram program, StateVector state) {
        long s = seed != null ? seed : new java.security.SecureRandom().nextLong();
        Counts counts = MeasurementSampler.sample(state, shots, s);
        boolean classical = program.measures();
        java.util.TreeMap<Long, Long> byOutcome = new java.util.TreeMap<>();
        for (Map.Entry<Long, Long> e : counts.byIndex().entrySet()) {
            long key = classical ? program.classicalOutcome(e.getKey()) : e.getKey();
            byOutcome.merge(key, e.getValue(), Long::sum);
        }
        int width = classical ? program.clbits() : state.qubits();
        out.println("counts (" + shots + " shots, seed " + s + ", " + (classical ? "classical bits c[" + (width - 1) + "]..c[0]" : "qubits " + (width - 1) + "..0") + "):");
        for (Map.Entry<Long, Long> e : byOutcome.entrySet()) out.println("  " + Counts.bitString(e.getKey(), width) + " " + e.getValue());
    }
}
