package io.nas.sampler.service;

import io.nas.search.controller.Policy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decoded policies, the newest version of each experiment, so a policy is decoded once per version rather than once
 * per proposal. Only a cache: the parameters lie in the database ({@code policy_snapshot}), and version 0 follows
 * from the seed. The least recently used experiments fall out first.
 */
@ApplicationScoped
public class PolicyCache {

    static final int MAX_EXPERIMENTS = 64;

    private record Entry(long version, Policy policy) {
    }

    private final Map<String, Entry> newest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_EXPERIMENTS;
        }
    };

    /** The policy of (experiment, version), decoded by {@code load} unless it is held already. */
    public synchronized Policy get(String experimentId, long version, Supplier<Policy> load) {
        Entry entry = newest.get(experimentId);
        if (entry != null && entry.version() == version) {
            return entry.policy();
        }
        Policy policy = load.get();
        if (entry == null || entry.version() < version) {
            newest.put(experimentId, new Entry(version, policy));
        }
        return policy;
    }

    /** Keeps a policy just received, so the next proposal does not decode it again. */
    public synchronized void put(String experimentId, long version, Policy policy) {
        Entry entry = newest.get(experimentId);
        if (entry == null || entry.version() < version) {
            newest.put(experimentId, new Entry(version, policy));
        }
    }
}
