package org.qff.simulator.strange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.qff.simulator.reference.CMat;
import org.qff.simulator.reference.DenseReference;
import org.redfx.strange.Complex;
import org.redfx.strange.ControlledBlockGate;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Qubit;
import org.redfx.strange.Result;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Add;
import org.redfx.strange.gate.AddInteger;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.InvFourier;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Fourier;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.Oracle;
import org.redfx.strange.gate.ProbabilitiesGate;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.Rotation;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.RotationZ;
import org.redfx.strange.gate.SingleQubitMatrixGate;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.Toffoli;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * The qff backend against Strange's own executor on Strange's gate set. Strange computes in
 * single precision (float amplitudes, float matrices), so agreement is checked to 1e-5.
 */
class QffExecutionEnvironmentTest {
    private static final double TOL = 1e-5;

    /** Builds the same random program twice (Strange mutates programs and gates while running them). */
    static Supplier<Program> randomProgram(int n, int steps, long seed, boolean wideGates) {
        return () -> {
            Random rnd = new Random(seed);
            Program p = new Program(n);
            for (int k = 0; k < n; k++) if (rnd.nextInt(3) == 0) p.initializeQubit(k, rnd.nextDouble() * 2 - 1);
            for (int s = 0; s < steps; s++) {
                List<Integer> free = new ArrayList<>();
                for (int q = 0; q < n; q++) free.add(q);
                Collections.shuffle(free, rnd);
                Step step = new Step();
                int gates = 1 + rnd.nextInt(Math.max(1, n / 2));
                for (int g = 0; g < gates && !free.isEmpty(); g++) {
                    boolean first = step.getGates().isEmpty();
                    Gate gate = randomGate(rnd, free, n, first, wideGates && first);
                    step.addGate(gate);
                    if (gate.getAffectedQubitIndexes().size() > 1) {
                        // Strange 0.1.3 drops gates of the same step that lie inside a multi-qubit gate's span
                        int lo = Collections.min(gate.getAffectedQubitIndexes()), hi = Collections.max(gate.getAffectedQubitIndexes());
                        free.removeIf(q -> q >= lo && q <= hi);
                    }
                    if (gate instanceof Oracle || gate instanceof Fourier) break; // alone in its step
                }
                if (!step.getGates().isEmpty()) p.addStep(step);
            }
            return p;
        };
    }

    static Gate randomGate(Random rnd, List<Integer> free, int n, boolean first, boolean allowWide) {
        int kind = rnd.nextInt(allowWide ? 20 : 18);
        double t = rnd.nextGaussian() * 2;
        // multi-qubit gates open a step (see the span rule in randomProgram)
        if (kind >= 14 && (free.size() < 2 || !first)) kind = rnd.nextInt(12);
        if (kind == 17 && free.size() < 3) kind = 14;
        int a = free.remove(0);
        return switch (kind) {
            case 0 -> new Hadamard(a);
            case 1 -> new X(a);
            case 2 -> new Y(a);
            case 3 -> new Z(a);
            case 4 -> new RotationX(t, a);
            case 5 -> new RotationY(t, a);
            case 6 -> new RotationZ(t, a);
            case 7 -> new Rotation(t, Rotation.Axes.values()[rnd.nextInt(3)], a);
            case 8 -> new R(t, a);
            case 9 -> new R(2, 1 + rnd.nextInt(4), a);
            case 10 -> new Identity(a);
            case 11 -> new SingleQubitMatrixGate(a, toStrange(DenseReference.randomUnitary(2, rnd)));
            case 12, 13 -> new Hadamard(a);
            case 14 -> new Cnot(a, free.remove(0));
            case 15 -> rnd.nextBoolean() ? new Cz(a, free.remove(0)) : new Swap(a, free.remove(0));
            case 16 -> rnd.nextBoolean() ? new Cr(a, free.remove(0), t) : new Cr(a, free.remove(0), 2, 1 + rnd.nextInt(3));
            case 17 -> {
                // Strange 0.1.3 gets some Toffoli orders wrong; use the orders it applies correctly
                int[] q = {a, free.remove(0), free.remove(0)};
                java.util.Arrays.sort(q);
                yield rnd.nextBoolean() ? new Toffoli(q[0], q[1], q[2]) : new Toffoli(q[1], q[2], q[0]);
            }
            case 18 -> {
                free.clear();
                yield new Oracle(toStrange(DenseReference.randomUnitary(1 << n, rnd)));
            }
            default -> {
                free.clear();
                int size = 1 + rnd.nextInt(n);
                yield new Fourier(size, rnd.nextInt(n - size + 1));
            }
        };
    }

    static Complex[][] toStrange(CMat m) {
        Complex[][] c = new Complex[m.rows][m.cols];
        for (int r = 0; r < m.rows; r++) for (int k = 0; k < m.cols; k++) c[r][k] = new Complex(m.re(r, k), m.im(r, k));
        return c;
    }

    static void assertSameResult(Result strange, Result qff, String what) {
        Complex[] a = strange.getProbability(), b = qff.getProbability();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i].r, b[i].r, TOL, what + " amplitude " + i + " (re)");
            assertEquals(a[i].i, b[i].i, TOL, what + " amplitude " + i + " (im)");
        }
        Qubit[] qa = strange.getQubits(), qb = qff.getQubits();
        for (int k = 0; k < qa.length; k++) assertEquals(qa[k].getProbability(), qb[k].getProbability(), TOL, what + " qubit " + k);
        // the measured outcome is random, but it must be a possible one and agree with the qubits' values
        int measured = qff.getMeasuredProbability();
        assertTrue(b[measured].abssqr() > 0, what + ": measured an impossible outcome " + measured);
        for (int k = 0; k < qb.length; k++) assertEquals((measured >> k) & 1, qb[k].measure(), what + " measured qubit " + k);
    }

    @Test
    void randomProgramsAgreeWithStrangesExecutor() {
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + trial % 6;
            Supplier<Program> program = randomProgram(n, 12, 1000 + trial, false);
            Result expected = new SimpleQuantumExecutionEnvironment().runProgram(program.get());
            Result got = new QffExecutionEnvironment().runProgram(program.get());
            assertSameResult(expected, got, "trial " + trial + " n=" + n);
        }
    }

    @Test
    void oraclesAndFourierBlocksAgreeWithStrangesExecutor() {
        for (int trial = 0; trial < 24; trial++) {
            int n = 1 + trial % 7; // n = 7 sends the full-width oracle down the wide-matrix path
            Supplier<Program> program = randomProgram(n, 6, 5000 + trial, true);
            Result expected = new SimpleQuantumExecutionEnvironment().runProgram(program.get());
            Result got = new QffExecutionEnvironment().runProgram(program.get());
            assertSameResult(expected, got, "trial " + trial + " n=" + n);
        }
    }

    @Test
    void oraclesWiderThanTheKernelsTakeAgree() {
        // 6 qubits > 5: the oracle and the Fourier block go through the wide-matrix path
        CMat u = DenseReference.randomUnitary(64, new Random(4));
        Supplier<Program> program = () -> new Program(6, new Step(new Hadamard(0), new X(3)), new Step(new Oracle(toStrange(u))),
                new Step(new Fourier(6, 0)), new Step(new Cnot(5, 1)));
        assertSameResult(new SimpleQuantumExecutionEnvironment().runProgram(program.get()), new QffExecutionEnvironment().runProgram(program.get()), "wide");
    }

    @Test
    void arithmeticAndInverseFourierBlocksAgree() {
        // Add(x0, x1, y0, y1): |x⟩|y⟩ → |x+y⟩|y⟩ on registers x = qubits 0..1, y = 2..3; AddInteger adds a constant
        List<Supplier<Program>> programs = List.of(
                () -> new Program(4, new Step(new X(0), new Hadamard(2), new X(3)), new Step(new Add(0, 1, 2, 3))),
                () -> new Program(3, new Step(new Hadamard(0), new X(1)), new Step(new AddInteger(0, 2, 3))),
                () -> new Program(4, new Step(new Hadamard(1), new RotationY(0.7, 3)), new Step(new Fourier(3, 1)), new Step(new InvFourier(2, 0))));
        for (int i = 0; i < programs.size(); i++) {
            assertSameResult(new SimpleQuantumExecutionEnvironment().runProgram(programs.get(i).get()),
                    new QffExecutionEnvironment().runProgram(programs.get(i).get()), "program " + i);
        }
    }

    @Test
    void controlledBlocksAgreeForControlsBelowAndAboveTheBlock() {
        for (int[] cfg : new int[][] {{0, 2, 3}, {1, 0, 3}, {0, 3, 4}, {2, 0, 4}, {1, 3, 4}}) {
            Supplier<Program> p = () -> new Program(cfg[2], new Step(new Hadamard(0), new Hadamard(1), new Hadamard(cfg[2] - 1)),
                    new Step(new RotationY(0.3, 1)), new Step(new ControlledBlockGate<>(new Fourier(2, 0), cfg[0], cfg[1])));
            assertSameResult(new SimpleQuantumExecutionEnvironment().runProgram(p.get()), new QffExecutionEnvironment().runProgram(p.get()),
                    "block at " + cfg[0] + ", control " + cfg[1]);
        }
    }

    @Test
    void recordedIntermediateStatesAndProbabilityGatesMatch() {
        Supplier<Program> program = () -> {
            Program p = new Program(3, new Step(new Hadamard(0)), new Step(new Cnot(0, 2)), new Step(new ProbabilitiesGate(0)),
                    new Step(new RotationY(0.4, 1)), new Step(new Measurement(0), new Measurement(1), new Measurement(2)));
            p.initializeQubit(1, 0.6);
            return p;
        };
        Program ps = program.get(), pq = program.get();
        Result expected = new SimpleQuantumExecutionEnvironment().runProgram(ps);
        Result got = new QffExecutionEnvironment().recordingSteps(true).runProgram(pq);
        assertSameResult(expected, got, "program");
        for (int step = 0; step < 5; step++) {
            Complex[] a = expected.getIntermediateProbability(step), b = got.getIntermediateProbability(step);
            assertEquals(a == null, b == null, "step " + step);
            if (a == null) continue;
            for (int i = 0; i < a.length; i++) assertEquals(a[i].r, b[i].r, TOL, "step " + step + " amplitude " + i);
        }
        Complex[] probeS = ((ProbabilitiesGate) ps.getSteps().get(2).getGates().get(0)).getProbabilities();
        Complex[] probeQ = ((ProbabilitiesGate) pq.getSteps().get(2).getGates().get(0)).getProbabilities();
        for (int i = 0; i < 8; i++) assertEquals(probeS[i].r, probeQ[i].r, TOL);
        assertTrue(pq.getResult() == got);
    }

    @Test
    void gatesSharingAStepWithAnEnclosingGateAreApplied() {
        // Strange 0.1.3 loses X(1) here (it returns |101⟩); qff applies the step as written: |111⟩
        Result r = new QffExecutionEnvironment().runProgram(new Program(3, new Step(new X(0)), new Step(new Cnot(0, 2), new X(1))));
        assertEquals(1.0, r.getProbability()[7].r, 0);
        assertEquals(7, r.getMeasuredProbability());
    }

    @Test
    void aProgramWithoutStepsReturnsItsInitialState() {
        // Strange 0.1.3's own executor throws ArrayIndexOutOfBoundsException here
        Program p = new Program(2);
        p.initializeQubit(0, 0.0); // |1⟩ on qubit 0, which Strange places on bit n−1−0 = 1
        Result r = new QffExecutionEnvironment().runProgram(p);
        assertEquals(1.0, r.getProbability()[2].r, 0);
        assertEquals(2, r.getMeasuredProbability());
        assertEquals(1.0, r.getQubits()[1].getProbability(), 0);
    }

    @Test
    void asynchronousRunDeliversTheResult() throws Exception {
        CompletableFuture<Result> future = new CompletableFuture<>();
        new QffExecutionEnvironment().runProgram(new Program(2, new Step(new X(1))), future::complete);
        Result r = future.get(30, TimeUnit.SECONDS);
        assertEquals(1.0, r.getProbability()[2].r, 0);
        assertEquals(2, r.getMeasuredProbability());
    }

    @Test
    void badProgramsAreRejectedWithTheOffendingValue() {
        Program tooBig = new Program(2, new Step(new X(0)));
        tooBig.initializeQubit(1, 1.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QffExecutionEnvironment().runProgram(tooBig));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        Complex[][] notUnitary = {{new Complex(1), new Complex(1)}, {new Complex(0), new Complex(1)}};
        Program bad = new Program(1, new Step(new SingleQubitMatrixGate(0, notUnitary)));
        e = assertThrows(IllegalArgumentException.class, () -> new QffExecutionEnvironment().runProgram(bad));
        assertTrue(e.getMessage().contains("not unitary"), e.getMessage());
        // a gate type of the user's own making, outside every Strange family
        Gate custom = (Gate) java.lang.reflect.Proxy.newProxyInstance(Gate.class.getClassLoader(), new Class<?>[] {Gate.class}, (proxy, m, args) -> switch (m.getName()) {
            case "getAffectedQubitIndexes" -> List.of(0);
            case "getHighestAffectedQubitIndex", "getMainQubitIndex" -> 0;
            case "getSize" -> 1;
            case "getName", "getCaption", "getGroup", "toString" -> "MyGate";
            case "hashCode" -> 1;
            case "equals" -> proxy == args[0];
            default -> null;
        });
        e = assertThrows(IllegalArgumentException.class, () -> new QffExecutionEnvironment().runProgram(new Program(1, new Step(custom))));
        assertTrue(e.getMessage().contains("does not support Strange gate") && e.getMessage().contains("MyGate"), e.getMessage());
    }
}
