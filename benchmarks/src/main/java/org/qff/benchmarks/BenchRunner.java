package org.qff.benchmarks;

import java.util.Map;

/**
 * A named benchmark suite behind {@code qff bench NAME}: runs JMH programmatically and returns the
 * figures as a JSON-ready map (nested maps, numbers, strings). New areas add an implementation and
 * one line in {@link BenchRunners}.
 */
public interface BenchRunner {

    /** The NAME on the command line, e.g. "simulator". */
    String name();

    /** One line for {@code qff bench --help}. */
    String description();

    /** How many progress steps {@link #run} reports. */
    int steps(boolean quick);

    /**
     * Runs the suite. {@code quick}: a reduced set that finishes in under about two minutes.
     * {@code progress} receives (done, total, message) after each JMH run.
     */
    Map<String, Object> run(boolean quick, Progress progress) throws Exception;

    /** Progress callback, so runners do not depend on the CLI's progress bar. */
    interface Progress {
        void report(int done, int total, String message);
    }
}
