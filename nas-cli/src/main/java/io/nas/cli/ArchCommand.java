package io.nas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nas arch}: commands about single architectures. */
@Command(name = "arch", mixinStandardHelpOptions = true, description = "Inspect architectures.",
        subcommands = {ArchInspectCommand.class})
public class ArchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
