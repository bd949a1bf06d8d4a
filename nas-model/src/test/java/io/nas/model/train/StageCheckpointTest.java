package io.nas.model.train;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageCheckpointTest {

    private final StageCheckpoint checkpoint = new StageCheckpoint(
            new TrainingPosition(1, 4, 250, 1000, 12.5, List.of(5.0, 7.5), 7L),
            new byte[] {1, 2, 3}, new byte[] {4, 5});

    @Test
    void roundTripsThroughOneBlob() throws IOException {
        StageCheckpoint read = StageCheckpoint.fromBytes(checkpoint.toBytes());

        assertThat(read).isEqualTo(checkpoint);
        assertThat(read.stage()).isEqualTo(1);
        assertThat(read.position().finished()).isFalse();
    }

    @Test
    void thePositionIsPlainJson() {
        assertThat(checkpoint.positionJson()).isEqualTo("{\"stage\":1,\"stages\":4,\"steps\":250,\"totalSteps\":1000,"
                + "\"trainingSeconds\":12.5,\"stageSeconds\":[5.0,7.5],\"seed\":7}");
    }

    @Test
    void otherBytesAreRefused() {
        assertThatThrownBy(() -> StageCheckpoint.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IOException.class);
        byte[] truncated = Arrays.copyOf(checkpoint.toBytes(), 20);
        assertThatThrownBy(() -> StageCheckpoint.fromBytes(truncated)).isInstanceOf(IOException.class);
    }
}
