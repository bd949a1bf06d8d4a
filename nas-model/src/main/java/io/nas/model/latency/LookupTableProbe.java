package io.nas.model.latency;

import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.event.LatencyMethod;

/**
 * A device's latency predicted from its {@link LatencyTable} instead of measured: method {@code predicted}, p50 only,
 * no runs. Serves experiments that ask for prediction; the device type is the table's.
 */
public final class LookupTableProbe implements LatencyProbe {

    private final LatencyTable table;

    public LookupTableProbe(LatencyTable table) {
        this.table = table;
    }

    @Override
    public String deviceType() {
        return table.deviceType();
    }

    @Override
    public LatencyMeasurement measure(ProbeRequest request) {
        if (!(request.architecture() instanceof MnasArchitecture architecture)) {
            throw new ProbeFailedException("the lookup table of " + table.deviceType() + " predicts MnasNet-style "
                    + "networks only, not " + request.canonical());
        }
        if (request.resolution() != table.space().resolution()) {
            throw new ProbeFailedException("the lookup table of " + table.deviceType() + " was measured at "
                    + table.space().resolution() + " px, the request asks for " + request.resolution());
        }
        try {
            return new LatencyMeasurement(table.predict(architecture), null, null, null, 0, LatencyMethod.PREDICTED);
        } catch (IllegalArgumentException e) {
            throw new ProbeFailedException(e.getMessage(), e);
        }
    }
}
