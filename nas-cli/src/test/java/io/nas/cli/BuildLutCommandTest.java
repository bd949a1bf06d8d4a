package io.nas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BuildLutCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = NasCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void refusesAnotherDeviceAndAnotherFamily(@TempDir Path dir) {
        String file = dir.resolve("lut.json").toString();
        assertThat(run("latency", "build-lut", "--device", "pixel3", "--out", file)).isEqualTo(NasCommand.INPUT_ERROR);
        assertThat(run("latency", "build-lut", "--preset", "nb201", "--out", file)).isEqualTo(NasCommand.INPUT_ERROR);
        assertThat(err.toString()).contains("--device must be host-cpu", "mnasnet space");
    }

    @Test
    void isRegistered() {
        assertThat(run("latency", "build-lut", "--help")).isZero();
        assertThat(out.toString()).contains("--preset", "--out", "--threads");
    }
}
