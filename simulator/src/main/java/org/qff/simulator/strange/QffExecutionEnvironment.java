package org.qff.simulator.strange;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.qff.simulator.StateVector;
import org.qff.simulator.circuit.Bindings;
import org.qff.simulator.circuit.Circuit;
import org.qff.simulator.circuit.CircuitBuilder;
import org.qff.simulator.exec.Simulator;
import org.redfx.strange.Complex;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.QuantumExecutionEnvironment;
import org.redfx.strange.Result;
import org.redfx.strange.Step;
import org.redfx.strange.gate.ProbabilitiesGate;

/**
 * Runs Strange programs on the qff simulator: replace
 * {@code new SimpleQuantumExecutionEnvironment()} by {@code new QffExecutionEnvironment()}.
 *
 * <p>The {@link Result} is filled as Strange 0.1.3's own executor fills it: the final amplitudes
 * as {@link Result#getProbability()} (Strange's name for the amplitude vector, single precision),
 * per-qubit probabilities of reading 1, one measured basis state drawn by
 * {@link Result#measureSystem()}, and the state after each step when
 * {@link #recordingSteps(boolean) recording} is on (Strange always records; off by default here,
 * because converting every intermediate state to Strange's objects costs more than simulating).
 * {@link ProbabilitiesGate}s receive the state at their step, as in Strange.
 *
 * <p>Ordering: qubit 0 is the least significant bit of the amplitude index, as in Strange. Like
 * Strange 0.1.3, {@code initializeQubit(k, α)} prepares bit n−1−k (Strange builds its initial
 * state in the reverse order of its gates); this backend reproduces that so results agree.
 * Computation is in double precision; Strange's parameterised gates reach it through their
 * single-precision matrices, so angles are good to about 1e-7.
 *
 * <p>Known differences, where Strange 0.1.3's executor is wrong and this backend applies the
 * program as written: some Toffoli qubit orders ({@code Toffoli(0, 2, 1)} acts as
 * {@code Toffoli(0, 1, 2)} there), and a gate that shares a step with a multi-qubit gate whose
 * qubit range encloses it ({@code Cnot(0, 2)} and {@code X(1)} in one step loses the X there).
 * Not supported (clear error): gate types outside Strange's single-qubit, two-qubit, Toffoli,
 * oracle, permutation, block and controlled-block families.
 */
public final class QffExecutionEnvironment implements QuantumExecutionEnvironment {
    private final Simulator simulator;
    private final boolean recordSteps;

    public QffExecutionEnvironment() {
        this(Simulator.create().withFusion(2), false);
    }

    public QffExecutionEnvironment(Simulator simulator) {
        this(simulator, false);
    }

    private QffExecutionEnvironment(Simulator simulator, boolean recordSteps) {
        this.simulator = simulator;
        this.recordSteps = recordSteps;
    }

    /** The same environment, storing (or not) the state after every step in the Result. */
    public QffExecutionEnvironment recordingSteps(boolean record) {
        return new QffExecutionEnvironment(simulator, record);
    }

    /** One piece of work: a circuit, a wide matrix, or handing the state to Strange objects. */
    private sealed interface Segment permits Run, Wide, Snapshot {}

    private record Run(Circuit circuit) implements Segment {}

    private record Wide(WideMatrix matrix) implements Segment {}

    /** After step {@code stepIndex}: record the state there and/or give it to probability gates. */
    private record Snapshot(int stepIndex, boolean record, List<ProbabilitiesGate> gates) implements Segment {}

    @Override
    public Result runProgram(Program program) {
        int n = program.getNumberQubits();
        List<Step> steps = program.getSteps();
        List<Segment> segments = plan(program, n);
        // Strange's Result reads its last step's state; with no steps it would index −1 (Strange
        // itself fails there), so an empty program gets one slot holding the initial state
        Result result = new Result(n, Math.max(1, steps.size()));
        try (StateVector state = StateVector.zero(n)) {
            prepare(state, program.getInitialAlphas(), n);
            boolean finalRecorded = false;
            for (Segment s : segments) {
                switch (s) {
                    case Run r -> simulator.run(r.circuit(), Bindings.NONE, state);
                    case Wide w -> w.matrix().apply(state);
                    case Snapshot snap -> {
                        Complex[] amplitudes = toComplex(state);
                        for (ProbabilitiesGate g : snap.gates()) g.setProbabilites(amplitudes);
                        if (snap.record()) {
                            result.setIntermediateProbability(snap.stepIndex(), amplitudes);
                            finalRecorded = snap.stepIndex() == steps.size() - 1;
                        }
                    }
                }
            }
            if (!finalRecorded) result.setIntermediateProbability(Math.max(0, steps.size() - 1), toComplex(state));
        }
        result.measureSystem();
        program.setResult(result);
        return result;
    }

    /** As Strange does: runs on a new thread and hands the result to the consumer. */
    @Override
    public void runProgram(Program program, Consumer<Result> consumer) {
        new Thread(() -> consumer.accept(runProgram(program)), "qff-strange").start();
    }

    private List<Segment> plan(Program program, int n) {
        List<Segment> out = new ArrayList<>();
        CircuitBuilder pending = null;
        List<Step> steps = program.getSteps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            List<ProbabilitiesGate> probes = new ArrayList<>();
            for (Gate g : step.getGates()) {
                if (g.getHighestAffectedQubitIndex() >= n) {
                    throw new IllegalArgumentException("step " + i + ": gate " + g.getName() + " on qubits " + g.getAffectedQubitIndexes() + " but the program has " + n + " qubits");
                }
                if (g instanceof ProbabilitiesGate p) {
                    probes.add(p);
                    continue;
                }
                int[] wide = StrangeGates.matrixQubits(g);
                if (wide != null && wide.length > StrangeGates.MAX_CIRCUIT_WIDTH) {
                    if (pending != null) out.add(new Run(pending.build()));
                    pending = null;
                    out.add(new Wide(new WideMatrix(wide, StrangeGates.unitary(g.getMatrix(), g))));
                    continue;
                }
                if (pending == null) pending = Circuit.builder(n);
                StrangeGates.add(g, pending);
            }
            // Strange records the state after each non-empty step
            boolean record = recordSteps && !step.getGates().isEmpty();
            if (record || !probes.isEmpty()) {
                if (pending != null) out.add(new Run(pending.build()));
                pending = null;
                out.add(new Snapshot(i, record, probes));
            }
        }
        if (pending != null) out.add(new Run(pending.build()));
        return out;
    }

    /** Strange's initial product state: factor α_k (bit 0) or √(1−α_k²) (bit 1) on bit n−1−k. */
    private static void prepare(StateVector s, double[] alphas, int n) {
        boolean trivial = true;
        for (int k = 0; k < alphas.length; k++) {
            if (!(alphas[k] >= -1 && alphas[k] <= 1)) throw new IllegalArgumentException("qubit " + k + " is initialised with alpha " + alphas[k] + ", outside [-1, 1]");
            trivial &= alphas[k] == 1;
        }
        if (trivial) return;
        for (long i = 0; i < s.dimension(); i++) {
            double a = 1;
            for (int k = 0; k < n; k++) {
                boolean one = ((i >> (n - 1 - k)) & 1) != 0;
                a *= one ? Math.sqrt(1 - alphas[k] * alphas[k]) : alphas[k];
            }
            s.set(i, a, 0);
        }
    }

    private static Complex[] toComplex(StateVector s) {
        if (s.qubits() > 26) throw new IllegalArgumentException("a " + s.qubits() + "-qubit state is too large for Strange's Result");
        Complex[] out = new Complex[(int) s.dimension()];
        for (int i = 0; i < out.length; i++) out[i] = new Complex(s.re(i), s.im(i));
        return out;
    }
}
