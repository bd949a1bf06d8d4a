/**
 * Latency of candidate networks on target devices, behind one small interface, {@link io.nas.model.latency.LatencyProbe}:
 * given a {@link io.nas.model.latency.ProbeRequest} (architecture, frame, input shape at batch 1) it returns a
 * {@link io.nas.model.latency.LatencyMeasurement} (p50, p90, mean, std in ms, runs, method) or throws a
 * {@link io.nas.model.latency.ProbeFailedException} whose message is the reason a {@code FAILED} event carries.
 *
 * <ul>
 *   <li>{@link io.nas.model.latency.HostCpuProbe} ({@code host-cpu}): builds and times the network on this CPU.</li>
 *   <li>{@link io.nas.model.latency.ReplayProbe} ({@code replay}): a recorded device farm, a CSV of latencies.</li>
 *   <li>{@link io.nas.model.latency.LatencyTable} and {@link io.nas.model.latency.LookupTableProbe}: the per-layer
 *       lookup-table predictor (method {@code predicted}).</li>
 *   <li>{@link io.nas.model.latency.InferenceTimer} and {@link io.nas.model.latency.TimingPlan}: the timing method
 *       both the probe and the table use (adaptive warm-up and stop, interleaved with the process's
 *       {@code SpeedReference} so that the CPU's changes of speed cancel out).</li>
 * </ul>
 *
 * <h2>Adding a phone or board attached to a host</h2>
 *
 * A device that is not the host CPU (an Android phone over ADB, a board over SSH) is one more {@code LatencyProbe}
 * implementation, selected by device type in the latency service's configuration; nothing else changes.
 * <ol>
 *   <li><b>Export the candidate.</b> Build it with {@code NetworkBuilder.build(architecture, frame)} at the request's
 *       resolution, initialize it for {@code (1, inChannels, resolution, resolution)} and save it in a format the
 *       device's runtime reads (e.g. trace it to TorchScript, or export ONNX and convert to TFLite with the vendor's
 *       converter). Weights may stay random: latency does not depend on them. Cache exports by canonical string.</li>
 *   <li><b>Push and run.</b> Copy the file to the device ({@code adb -s SERIAL push model.tflite /data/local/tmp/})
 *       and run the runtime's own benchmark binary there with batch 1, the thread count the target asks for (MnasNet
 *       times one big core: {@code taskset} the binary to it) and a warm-up, e.g. TFLite's
 *       {@code benchmark_model --graph=... --num_threads=1 --warmup_runs=20 --num_runs=100}, or PyTorch's
 *       {@code speed_benchmark_torch}. Run one process at a time per device: the probe must serialise its own
 *       measurements. Bound every step with a timeout.</li>
 *   <li><b>Report.</b> Parse the per-run times the binary prints (or its summary) into p50, p90, mean, std and the
 *       number of timed runs, method {@code MEASURED}. Aim for the same repeatability goal as {@code host-cpu}: p50
 *       coefficient of variation &lt;= 2% over repeats (check with {@code ./nas bench latency-repeatability}); let
 *       the phone cool down and keep it charged and screen-off if it throttles.</li>
 *   <li><b>Fail clearly.</b> A device that is gone, a push that fails, a binary that crashes or times out, or an
 *       output that does not parse throws {@code ProbeFailedException} with the reason (device serial and what
 *       happened); the service publishes it as a {@code FAILED} measurement and turns its readiness down after
 *       repeated failures.</li>
 *   <li><b>Lookup table.</b> The same probe can time the stem, each {@link io.nas.model.latency.LayerConfig} and the
 *       heads of {@link io.nas.model.latency.LatencyTable#entries} as single-layer models to build the device's
 *       table.</li>
 * </ol>
 */
package io.nas.model.latency;
