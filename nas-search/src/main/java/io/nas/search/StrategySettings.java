package io.nas.search;

import java.util.Map;

/** A strategy's validated settings, every key resolved to its value or default. */
public interface StrategySettings {

    /** The strategy these settings are for, one of {@link Strategies#names()}. */
    String strategy();

    /** Every setting by its key, defaults filled in, e.g. to record what an experiment really ran with. */
    Map<String, Object> asMap();
}
