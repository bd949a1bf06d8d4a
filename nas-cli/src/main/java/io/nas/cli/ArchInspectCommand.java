package io.nas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.arch.ReferenceArchitectures;
import io.nas.contract.count.AnalyticCounter;
import io.nas.contract.count.BlockCost;
import io.nas.contract.count.Cost;
import io.nas.contract.count.NetworkCost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nas arch inspect}: parameters and multiply-adds of an architecture, block by block. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Counts trainable parameters and multiply-adds of a network given as canonical block strings "
                + "(e.g. r1_k3_s11_e1_i32_o16_noskip,r2_k3_s22_e6_i16_o24) or by a reference name: mnasnet-a1, "
                + "mnasnet-b1, mobilenetv2, efficientnetv2-s, efficientnet-b0. Counted are conv and classifier "
                + "multiply-adds; batch norm, activations, pooling and residual adds are not.")
public class ArchInspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--resolution", defaultValue = "224", description = "Input size in pixels (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--classes", defaultValue = "1000", description = "Classifier outputs (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--stem", description = "Stem filters (default: the first block's input filters, 32 for MnasNet).")
    Integer stem;

    @Option(names = "--head", defaultValue = "1280", description = "Head conv1x1 filters (default: ${DEFAULT-VALUE}).")
    int head;

    @Option(names = "--in-channels", defaultValue = "3", description = "Input channels (default: ${DEFAULT-VALUE}).")
    int inChannels;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "BLOCKSTRINGS",
            description = "Comma-joined block strings (several arguments are joined with commas) or a reference name.")
    List<String> blockStrings;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String text = blockStrings();
        MnasArchitecture architecture;
        NetworkCost cost;
        try {
            architecture = MnasArchitecture.parse(text);
            int stemFilters = stem != null ? stem : architecture.blocks().get(0).inFilters();
            cost = AnalyticCounter.count(architecture,
                    new NetworkFrame(resolution, inChannels, classes, stemFilters, head));
        } catch (IllegalArgumentException e) {
            String hint = text.contains("_") ? "" : " (known names: " + String.join(", ", ReferenceArchitectures.names()) + ")";
            spec.commandLine().getErr().println("nas arch inspect: " + e.getMessage() + hint);
            return NasCommand.INPUT_ERROR;
        }
        out.println(json ? json(architecture, cost) : CostTable.render(architecture, cost));
        out.flush();
        return 0;
    }

    private String blockStrings() {
        if (blockStrings.size() == 1) {
            String only = blockStrings.get(0).strip();
            return ReferenceArchitectures.blockStrings(only).orElse(only);
        }
        return String.join(",", blockStrings.stream().map(String::strip).toList());
    }

    private static String json(MnasArchitecture architecture, NetworkCost cost) {
        NetworkFrame frame = cost.frame();
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("architecture", architecture.canonical());
        root.put("resolution", frame.resolution());
        root.put("inChannels", frame.inChannels());
        root.put("classes", frame.classes());
        root.put("params", cost.params());
        root.put("madds", cost.madds());
        part(root.putObject("stem"), cost.stem()).put("filters", frame.stem()).put("outResolution", cost.stemResolution());
        ArrayNode blocks = root.putArray("blocks");
        for (BlockCost block : cost.blocks()) {
            blocks.addObject()
                    .put("index", block.index())
                    .put("block", block.block())
                    .put("inResolution", block.inResolution())
                    .put("outResolution", block.outResolution())
                    .put("params", block.params())
                    .put("madds", block.madds());
        }
        part(root.putObject("head"), cost.head()).put("filters", frame.head());
        part(root.putObject("classifier"), cost.classifier());
        return root.toString();
    }

    private static ObjectNode part(ObjectNode node, Cost cost) {
        return node.put("params", cost.params()).put("madds", cost.madds());
    }
}
