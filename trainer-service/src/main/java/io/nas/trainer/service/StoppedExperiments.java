package io.nas.trainer.service;

import io.nas.contract.event.ExperimentState;
import io.nas.contract.event.ExperimentUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The experiments whose latest state on {@code nas.experiments} is {@code STOPPED}: their proposals are not started
 * and their running trials are abandoned at the next stage boundary. Held in memory and rebuilt on every start by
 * reading the compacted topic from its beginning.
 */
@ApplicationScoped
public class StoppedExperiments {

    private static final Logger LOG = Logger.getLogger(StoppedExperiments.class);

    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    public void record(ExperimentUpdate update) {
        if (update.state() == ExperimentState.STOPPED) {
            if (stopped.add(update.experimentId())) {
                LOG.infof("Experiment %s stopped: its trials are abandoned at the next stage boundary", update.experimentId());
            }
        } else {
            stopped.remove(update.experimentId());
        }
    }

    public boolean isStopped(String experimentId) {
        return stopped.contains(experimentId);
    }
}
