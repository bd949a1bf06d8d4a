package io.nas.search;

import java.util.Map;

/** Random search has no settings. */
public record RandomSettings() implements StrategySettings {

    @Override
    public String strategy() {
        return Strategies.RANDOM;
    }

    @Override
    public Map<String, Object> asMap() {
        return Map.of();
    }
}
