package org.qff.benchmarks;

import java.util.Map;

/**
 * A {@link BenchRunner} around an area's static {@code run(quick, json)} entry point, for suites
 * that report their own progress on standard error.
 */
public record FunctionBenchRunner(String name, String description, int stepCount, Suite suite) implements BenchRunner {

    /** An area's suite: runs JMH and returns its figures. */
    @FunctionalInterface
    public interface Suite {
        Map<String, Object> run(boolean quick) throws Exception;
    }

    @Override
    public int steps(boolean quick) {
        return stepCount;
    }

    @Override
    public Map<String, Object> run(boolean quick, Progress progress) throws Exception {
        Map<String, Object> figures = suite.run(quick);
        progress.report(stepCount, stepCount, name + " done");
        return figures;
    }
}
