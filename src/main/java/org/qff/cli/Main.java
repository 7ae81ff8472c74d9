package org.qff.cli;

import picocli.CommandLine;

/** Entry point of the {@code qff} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new QffCommand());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Bad input is the user's to fix: one clear line, no stack trace (QFF_DEBUG=1 shows it).
            if (System.getenv("QFF_DEBUG") != null) ex.printStackTrace();
            String msg = ex.getMessage() != null ? ex.getMessage() : ex.toString();
            commandLine.getErr().println("qff " + commandLine.getCommandName() + ": error: " + msg);
            return ex instanceof IllegalArgumentException || ex instanceof java.io.IOException ? 2 : 1;
        });
        return cli.execute(args);
    }
}
