package io.nas.model.latency;

import ai.djl.ndarray.types.Shape;
import io.nas.contract.arch.BlockSpec;
import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.arch.SkipOp;
import io.nas.contract.count.AnalyticCounter;
import io.nas.contract.event.EventJson;
import io.nas.contract.space.ConvOp;
import io.nas.contract.space.Decision;
import io.nas.contract.space.MnasSearchSpace;
import io.nas.contract.space.SearchSpaceSpec;
import io.nas.contract.space.SearchSpaces;
import io.nas.model.DjlRuntime;
import io.nas.model.build.Activation;
import io.nas.model.build.NasNetwork;
import io.nas.model.build.NetworkBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A per-layer latency lookup table of one device for one MnasNet-style space (as ProxylessNAS and FBNet use): the
 * measured p50 of the stem, of every layer configuration the space can produce at its input shape
 * ({@link LayerConfig#key()}), and of the head (conv1x1, pool, classifier) for each width it can receive. A network's
 * predicted latency is stem + its layers + head, times the table's {@code networkFactor}. Stored as JSON
 * ({@link #toJson()} / {@link #fromJson(String)}).
 *
 * <p>The factor is the median, over {@value #FACTOR_NETWORKS} random networks of the space timed whole as the table
 * is built, of their time over the sum of their entries: a whole network is not the sum of its layers timed one by
 * one (on the 2-core VM this was built on it took 1.28 to 1.37 times the sum, depending on the build, and within a
 * few percent of that for every network of one build), and without the factor every prediction would miss by that
 * much. A table without one (written before it existed) predicts the plain sum.
 */
public record LatencyTable(
        String deviceType,
        SearchSpaceSpec space,
        int threads,
        double stemMs,
        Map<String, Double> headMs,
        Map<String, Double> layersMs,
        Instant builtAt,
        double buildSeconds,
        Double networkFactor) {

    /** Whole networks timed to find the table's {@code networkFactor}, drawn with a fixed seed. */
    static final int FACTOR_NETWORKS = 10;
    private static final long FACTOR_SEED = 2019;

    public LatencyTable {
        if (space == null || layersMs == null || headMs == null) {
            throw new IllegalArgumentException("a latency table needs its space, layers and heads");
        }
        if (networkFactor != null && !(networkFactor > 0.0)) {
            throw new IllegalArgumentException("a latency table's networkFactor must be > 0, was " + networkFactor);
        }
        headMs = Map.copyOf(headMs);
        layersMs = Map.copyOf(layersMs);
    }

    /** Progress of a build: entry {@code done} of {@code total}, its key and its p50. */
    public record Progress(int done, int total, String key, double p50Ms, double elapsedSeconds) {
    }

    /** The stem, every layer configuration and every head the space can produce, in measuring order. */
    public record Entries(NetworkFrame frame, List<LayerConfig> layers, List<Integer> headWidths, int headInputSize) {

        public int total() {
            return 1 + layers.size() + headWidths.size();
        }
    }

    /**
     * Enumerates a space: per block, the first layer for every input width (the previous block's filter options, or
     * the stem) and stride of the skeleton, and, when the block can have more than one layer, the later layers
     * (input = output width, stride 1), for every op, kernel, SE ratio, skip and output width.
     */
    public static Entries entries(SearchSpaceSpec spec) {
        MnasSearchSpace space = mnas(spec);
        NetworkFrame frame = space.frame();
        List<Decision> decisions = space.decisions();
        Set<LayerConfig> layers = new LinkedHashSet<>();
        int size = AnalyticCounter.spatial(frame.resolution(), 2);
        List<Integer> previous = List.of(frame.stem());
        int blocks = space.spec().skeleton().size();
        for (int b = 0; b < blocks; b++) {
            int stride = space.spec().skeleton().get(b).stride();
            List<Integer> outs = ints(decisions.get(b * 6 + 4));
            int maxLayers = ints(decisions.get(b * 6 + 5)).stream().max(Integer::compare).orElseThrow();
            for (String opLabel : decisions.get(b * 6).options()) {
                ConvOp op = ConvOp.valueOf(opLabel.toUpperCase(Locale.ROOT));
                for (int kernel : ints(decisions.get(b * 6 + 1))) {
                    for (String se : decisions.get(b * 6 + 2).options()) {
                        Double ratio = se.equals("0") ? null : Double.valueOf(se);
                        for (String skipLabel : decisions.get(b * 6 + 3).options()) {
                            SkipOp skip = SkipOp.valueOf(skipLabel.toUpperCase(Locale.ROOT));
                            for (int out : outs) {
                                for (int in : previous) {
                                    BlockSpec block = BlockSpec.of(maxLayers, kernel, stride, op.expansion(), in, out,
                                            ratio, op.type(), skip);
                                    layers.add(LayerConfig.of(block, 0, size));
                                    if (maxLayers > 1) {
                                        layers.add(LayerConfig.of(block, 1, AnalyticCounter.spatial(size, stride)));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            size = AnalyticCounter.spatial(size, stride);
            previous = outs;
        }
        return new Entries(frame, List.copyOf(layers), previous, size);
    }

    /**
     * Measures every entry of the space on this machine's CPU with {@code threads} PyTorch threads and the timing
     * plan (use {@link TimingPlan#lookupTable()}), then {@value #FACTOR_NETWORKS} whole networks for the factor; the
     * time is bounded by the entry count plus that, times the plan's budget.
     */
    public static LatencyTable build(SearchSpaceSpec spec, int threads, TimingPlan plan, Consumer<Progress> progress) {
        Entries entries = entries(spec);
        DjlRuntime.init(threads);
        InferenceTimer timer = new InferenceTimer(plan);
        NetworkFrame frame = entries.frame();
        long start = System.nanoTime();
        int total = entries.total();
        int done = 0;
        double stem = timer.time(NetworkBuilder.stem(frame, Activation.RELU),
                new Shape(1, frame.inChannels(), frame.resolution(), frame.resolution())).p50Ms();
        progress.accept(new Progress(++done, total, "stem", stem, seconds(start)));
        Map<String, Double> layers = new LinkedHashMap<>();
        for (LayerConfig layer : entries.layers()) {
            double ms = timer.time(NetworkBuilder.layer(layer.asBlock(), 0, Activation.RELU),
                    new Shape(1, layer.cin(), layer.inputSize(), layer.inputSize())).p50Ms();
            layers.put(layer.key(), ms);
            progress.accept(new Progress(++done, total, layer.key(), ms, seconds(start)));
        }
        Map<String, Double> heads = new LinkedHashMap<>();
        for (int width : entries.headWidths()) {
            double ms = timer.time(NetworkBuilder.head(frame, Activation.RELU),
                    new Shape(1, width, entries.headInputSize(), entries.headInputSize())).p50Ms();
            heads.put(headKey(width), ms);
            progress.accept(new Progress(++done, total, "head " + headKey(width), ms, seconds(start)));
        }
        LatencyTable sums = new LatencyTable(HostCpuProbe.DEVICE_TYPE, mnas(spec).spec(), threads, stem, heads, layers,
                null, 0.0, null);
        double factor = networkFactor(sums, timer);
        return new LatencyTable(sums.deviceType(), sums.space(), threads, stem, heads, layers, Instant.now(),
                seconds(start), factor);
    }

    /** The median of whole networks' timings over their predicted sums, for random networks of the table's space. */
    private static double networkFactor(LatencyTable sums, InferenceTimer timer) {
        MnasSearchSpace space = mnas(sums.space());
        Random random = new Random(FACTOR_SEED);
        double[] ratios = new double[FACTOR_NETWORKS];
        for (int i = 0; i < ratios.length; i++) {
            MnasArchitecture architecture = space.decode(space.decisions().stream()
                    .map(d -> random.nextInt(d.size())).toList());
            NasNetwork network = NetworkBuilder.build(architecture, space.frame());
            double whole = timer.time(network.block(), network.inputShape(ProbeRequest.BATCH,
                    space.frame().resolution())).p50Ms();
            ratios[i] = whole / sums.predict(architecture);
        }
        return LatencyStatistics.median(ratios);
    }

    /**
     * The predicted p50 in milliseconds of an architecture of this table's space at the space's resolution.
     *
     * @throws IllegalArgumentException when a layer or head is not in the table (the architecture is outside the space)
     */
    public double predict(MnasArchitecture architecture) {
        NetworkFrame frame = mnas(space).frame();
        int size = AnalyticCounter.spatial(frame.resolution(), 2);
        double total = stemMs;
        for (BlockSpec block : architecture.blocks()) {
            for (int layer = 0; layer < block.repeats(); layer++) {
                String key = LayerConfig.of(block, layer, size).key();
                Double ms = layersMs.get(key);
                if (ms == null) {
                    throw new IllegalArgumentException("no table entry for layer '" + key + "' of "
                            + architecture.canonical() + ": not an architecture of this table's space");
                }
                total += ms;
                size = AnalyticCounter.spatial(size, block.layerStride(layer));
            }
        }
        int width = architecture.blocks().get(architecture.blocks().size() - 1).outFilters();
        Double head = headMs.get(headKey(width));
        if (head == null) {
            throw new IllegalArgumentException("no table entry for the head after " + width + " filters");
        }
        return (total + head) * (networkFactor == null ? 1.0 : networkFactor);
    }

    /** How many entries were measured. */
    public int size() {
        return 1 + layersMs.size() + headMs.size();
    }

    public String toJson() {
        try {
            return EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LatencyTable fromJson(String json) {
        return EventJson.read(json, LatencyTable.class);
    }

    /** The key of the head (conv1x1, pool, classifier) after a last block of {@code width} filters. */
    public static String headKey(int width) {
        return "cin" + width;
    }

    private static MnasSearchSpace mnas(SearchSpaceSpec spec) {
        if (!(SearchSpaces.of(spec) instanceof MnasSearchSpace space)) {
            throw new IllegalArgumentException("a latency table needs a mnasnet space, not " + spec.resolved().family());
        }
        return space;
    }

    private static List<Integer> ints(Decision decision) {
        List<Integer> values = new ArrayList<>();
        decision.options().forEach(option -> values.add(Integer.valueOf(option)));
        return values;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
