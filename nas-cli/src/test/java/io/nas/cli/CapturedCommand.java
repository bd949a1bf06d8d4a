package io.nas.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A command line whose standard output and error a test reads back. */
public final class CapturedCommand {

    private final CommandLine commandLine;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public CapturedCommand(CommandLine commandLine) {
        this.commandLine = commandLine;
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    /** The whole {@code nas} command tree, with its error handling. */
    public static CapturedCommand nas() {
        return new CapturedCommand(NasCommand.commandLine());
    }

    public int run(String... args) {
        return commandLine.execute(args);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    public void clearOut() {
        out.getBuffer().setLength(0);
    }
}
