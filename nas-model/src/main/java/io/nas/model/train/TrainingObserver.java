package io.nas.model.train;

/**
 * How the trainer service follows a run: progress after every epoch, a checkpoint after every stage, and a chance
 * to abandon at every stage boundary. Called on the training thread; a slow observer slows training.
 */
public interface TrainingObserver {

    /** Observes nothing and never stops. */
    TrainingObserver NONE = new TrainingObserver() {
    };

    default void onEpochEnd(EpochReport report) {
    }

    /** After stage {@code stage} (0-based), the last one included. */
    default void onStageEnd(int stage, StageCheckpoint checkpoint) {
    }

    /** Asked before every stage; true abandons the run with {@link TrainingAbandonedException}. */
    default boolean shouldStop() {
        return false;
    }
}
