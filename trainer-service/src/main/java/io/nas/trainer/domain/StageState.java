package io.nas.trainer.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * {@code stage-{i}.json}, beside the stage's parameters: the schedule position reached ({@code stage} of
 * {@code stages}, counted from 1), the training time (seconds in training steps, the figure {@code nas.accuracy}
 * reports) and wall time (seconds since the trial started, across trainers, as progress events report) and images
 * spent so far, who trained the stage, and the training library's own resume state (optimizer and schedule position)
 * as it wrote it.
 */
public record StageState(
        int stage,
        int stages,
        double trainingSeconds,
        double elapsedSeconds,
        long images,
        String trainerId,
        Instant at,
        JsonNode resume) {
}
