package io.nas.latency.service;

import io.nas.contract.event.EventJson;
import io.nas.contract.event.LatencyMeasured;
import io.nas.latency.domain.LatencyObjects;
import io.nas.storage.LookupTables;
import io.nas.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The farm's answers and lookup tables in the object store, in the layout of {@link LatencyObjects}. */
@ApplicationScoped
public class MeasurementStore {

    private final ObjectStore store;

    public MeasurementStore(ObjectStore store) {
        this.store = store;
    }

    public Optional<LatencyMeasured> answer(String experimentId, String trialId, String deviceType) throws Exception {
        store.ensureBucket();
        return store.get(LatencyObjects.measurement(experimentId, trialId, deviceType))
                .map(bytes -> EventJson.read(new String(bytes, StandardCharsets.UTF_8), LatencyMeasured.class));
    }

    public void putAnswer(LatencyMeasured answer) throws Exception {
        store.put(LatencyObjects.measurement(answer.experimentId(), answer.trialId(), answer.deviceType()),
                EventJson.write(answer).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** The lookup table's JSON, if one was built for this device type and preset. */
    public Optional<String> lookupTable(String deviceType, String preset) throws Exception {
        store.ensureBucket();
        return store.get(LookupTables.key(deviceType, preset))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    public String lookupTableUri(String deviceType, String preset) {
        return store.uri(LookupTables.key(deviceType, preset));
    }
}
