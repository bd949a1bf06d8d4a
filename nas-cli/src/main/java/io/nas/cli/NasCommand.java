package io.nas.cli;

import io.nas.cli.deploy.ExperimentCommand;
import io.nas.cli.deploy.ExportCommand;
import io.nas.cli.deploy.ResultsCommand;
import io.nas.cli.local.LocalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./nas}: the user's entry point; each area of the system is a subcommand. */
@Command(name = "nas", mixinStandardHelpOptions = true, version = "nas 0.1.0",
        description = "Platform-aware neural architecture search (MnasNet) over Kafka.",
        subcommands = {LocalCommand.class, ExperimentCommand.class, ResultsCommand.class, ExportCommand.class,
                ArchCommand.class, BenchCommand.class, LatencyCommand.class, CommandLine.HelpCommand.class})
public class NasCommand implements Runnable {

    /** Exit code of a command refused because of its input (picocli's usage-error code). */
    public static final int INPUT_ERROR = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** The command tree with the error handling every entry point shares. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new NasCommand());
        // A failure is one line for the user, not a stack trace.
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
