package io.nas.cli;

import picocli.CommandLine.Command;

/** {@code nas latency}: device-side tools of the latency service, such as building a device's lookup table. */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Latency devices: build a device's per-layer lookup table.",
        subcommands = {BuildLutCommand.class})
public class LatencyCommand {
}
