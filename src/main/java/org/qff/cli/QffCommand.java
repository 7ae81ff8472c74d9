package org.qff.cli;

import picocli.CommandLine.Command;

/**
 * The top-level command. Each subcommand is a small class of its own; add it to the list below.
 */
@Command(
        name = "qff",
        mixinStandardHelpOptions = true,
        version = "qff 0.1.0",
        description = "Quantum-neural-network force fields: circuit simulation, QNN potentials, training, MD.",
        subcommands = {
            picocli.CommandLine.HelpCommand.class,
            org.qff.cli.demo.DemoCommand.class,
            org.qff.cli.run.RunCommand.class,
            org.qff.cli.data.DataCommand.class,
            org.qff.cli.md.MdCommand.class,
            org.qff.cli.md.OptimizeCommand.class,
            org.qff.cli.md.MdCampaignCommand.class,
            org.qff.cli.ffi.ServeCommand.class,
            org.qff.cli.ffi.LammpsCommand.class,
            org.qff.cli.train.TrainCommand.class,
            org.qff.cli.train.EvaluateCommand.class,
            org.qff.cli.train.LearningCurveCommand.class,
            org.qff.cli.bench.BenchCommand.class,
        })
public final class QffCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
