package io.nas.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BuildLutCommandTest {

    private final CapturedCommand command = CapturedCommand.nas();

    @Test
    void refusesAnotherDeviceAndAnotherFamily(@TempDir Path dir) {
        String file = dir.resolve("lut.json").toString();
        assertThat(command.run("latency", "build-lut", "--device", "pixel3", "--out", file)).isEqualTo(NasCommand.INPUT_ERROR);
        assertThat(command.run("latency", "build-lut", "--preset", "nb201", "--out", file)).isEqualTo(NasCommand.INPUT_ERROR);
        assertThat(command.err()).contains("--device must be host-cpu", "mnasnet space");
    }

    @Test
    void refusesToMeasureWhatItCouldNotKeep(@TempDir Path dir) {
        assertThat(command.run("latency", "build-lut", "--no-upload")).isEqualTo(NasCommand.INPUT_ERROR);
        assertThat(command.err()).contains("--no-upload needs --out FILE");
        // Nothing listens on port 9 here: the store is checked before minutes of measuring, not after.
        assertThat(command.run("latency", "build-lut", "--s3-endpoint", "http://127.0.0.1:9")).isEqualTo(
                NasCommand.INPUT_ERROR);
        assertThat(command.err()).contains("the object store at http://127.0.0.1:9 cannot be reached", "--no-upload");
    }

    @Test
    void isRegistered() {
        assertThat(command.run("latency", "build-lut", "--help")).isZero();
        assertThat(command.out()).contains("--preset", "--out", "--threads", "--no-upload", "--s3-endpoint",
                "--bucket");
    }
}
