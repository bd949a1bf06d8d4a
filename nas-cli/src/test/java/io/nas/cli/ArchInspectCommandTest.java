package io.nas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nas.contract.arch.ReferenceArchitectures;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class ArchInspectCommandTest {

    private final CapturedCommand command = CapturedCommand.nas();

    private JsonNode json() throws Exception {
        assertThat(command.out().strip().lines()).hasSize(1);
        return new ObjectMapper().readTree(command.out());
    }

    @Test
    void jsonForAReferenceName() throws Exception {
        assertThat(command.run("arch", "inspect", "--json", "mnasnet-a1")).isZero();

        JsonNode json = json();
        assertThat(json.get("params").isIntegralNumber()).isTrue();
        assertThat(json.get("params").asLong()).isEqualTo(3_887_038L);
        assertThat(json.get("madds").asLong()).isEqualTo(311_579_072L);
        assertThat(json.get("blocks")).hasSize(7);
        assertThat(json.get("blocks").get(0).get("block").asText()).isEqualTo("r1_k3_s11_e1_i32_o16_noskip");
        assertThat(json.get("blocks").get(6).get("outResolution").asInt()).isEqualTo(7);
        long sum = json.get("stem").get("params").asLong() + json.get("head").get("params").asLong()
                + json.get("classifier").get("params").asLong();
        for (JsonNode block : json.get("blocks")) {
            sum += block.get("params").asLong();
        }
        assertThat(sum).isEqualTo(3_887_038L);
        assertThat(command.err()).isEmpty();
    }

    @Test
    void blockStringsInSeveralArgumentsAreJoined() throws Exception {
        String[] blocks = ReferenceArchitectures.MOBILENET_V2.split(",");
        String[] args = new String[blocks.length + 3];
        args[0] = "arch";
        args[1] = "inspect";
        args[2] = "--json";
        System.arraycopy(blocks, 0, args, 3, blocks.length);

        assertThat(command.run(args)).isZero();
        assertThat(json().get("params").asLong()).isEqualTo(3_504_872L);
        assertThat(json().get("architecture").asText()).isEqualTo(ReferenceArchitectures.MOBILENET_V2);
    }

    @Test
    void stemDefaultsToTheFirstBlocksInputAndOptionsChangeTheFrame() throws Exception {
        assertThat(command.run("arch", "inspect", "--json", "efficientnetv2-s")).isZero();
        assertThat(json().get("params").asLong()).isEqualTo(21_458_488L);

        command.clearOut();
        assertThat(command.run("arch", "inspect", "--json", "--resolution", "32", "--classes", "10", "--head", "256",
                "--in-channels", "1", "--stem", "16", "r1_k3_s11_e1_i16_o8,r2_k3_s22_e6_i8_o16_se0.25")).isZero();
        JsonNode json = json();
        assertThat(json.get("stem").get("outResolution").asInt()).isEqualTo(16);
        assertThat(json.get("classifier").get("params").asLong()).isEqualTo(256 * 10 + 10);
        assertThat(json.get("stem").get("params").asLong()).isEqualTo(3 * 3 * 16 + 32);
    }

    @Test
    void humanTableWithThousandsSeparators() {
        assertThat(command.run("arch", "inspect", "mnasnet-a1")).isZero();

        assertThat(command.out())
                .contains("Network at 224x224, 3 input channels, 1000 classes")
                .contains("r3_k5_s22_e3_i24_o40_se0.25")
                .contains("stem conv3x3/2 3->32", "head conv1x1 320->1280", "classifier 1280->1000")
                .containsPattern("total\\s+3,887,038\\s+311,579,072");
    }

    @Test
    void malformedInputIsOneLineWithTokenAndPositionAndExitCode2() {
        assertThat(command.run("arch", "inspect", "r1_k3_s11_e1_i32_o16,r2_k3x_s22_e6_i16_o24")).isEqualTo(2);

        assertThat(command.err().strip().lines()).hasSize(1);
        assertThat(command.err()).contains("'k3x'", "block 1", "offset 24").doesNotContain("Exception", "\tat ");
        assertThat(command.out()).isEmpty();
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThat(command.run("arch", "inspect", "mnasnet-a9")).isEqualTo(2);

        assertThat(command.err().strip().lines()).hasSize(1);
        assertThat(command.err()).contains("'mnasnet-a9'", "mnasnet-a1, mnasnet-b1");
    }

    @Test
    void aStemThatDoesNotFeedTheFirstBlockIsRefused() {
        assertThat(command.run("arch", "inspect", "--stem", "24", "mnasnet-a1")).isEqualTo(2);

        assertThat(command.err()).contains("stem width 24");
    }

    @Test
    void missingArgumentsAreAUsageError() {
        assertThat(command.run("arch", "inspect")).isEqualTo(2);
        assertThat(command.run("arch")).isEqualTo(2);
        assertThat(command.run()).isEqualTo(2);
    }
}
