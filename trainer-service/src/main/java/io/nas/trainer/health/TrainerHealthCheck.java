package io.nas.trainer.health;

import io.nas.trainer.service.TrialService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;
import java.time.Instant;

/**
 * Shows what this replica works on. Always UP: a trial may rightly take hours, so its length is no sign of a hung
 * trainer, and a liveness probe that failed on it would restart the trainer in a loop (DESIGN.md).
 */
@Liveness
@ApplicationScoped
public class TrainerHealthCheck implements HealthCheck {

    private final TrialService trials;

    public TrainerHealthCheck(TrialService trials) {
        this.trials = trials;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("trainer").up();
        trials.running().ifPresentOrElse(trial -> response
                        .withData("trial", trial.trialId())
                        .withData("backend", trial.backend())
                        .withData("seconds", Duration.between(trial.since(), Instant.now()).toSeconds()),
                () -> response.withData("trial", "none"));
        return response.build();
    }
}
