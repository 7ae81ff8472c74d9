package org.qff.cli.ffi;

import picocli.CommandLine.Command;

/** {@code qff serve}: act as the force provider of another program. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a qff potential to another MD program.",
        subcommands = {ServeIpiCommand.class})
public final class ServeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
