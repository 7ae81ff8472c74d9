package org.qff.cli.data;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code qff data}: dataset management (for now, fetching rMD17). */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch datasets; build classical reference models from them.", subcommands = {FetchCommand.class, BondedModelCommand.class})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
