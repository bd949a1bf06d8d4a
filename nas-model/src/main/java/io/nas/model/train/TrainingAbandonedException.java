package io.nas.model.train;

/** The observer asked to stop ({@link TrainingObserver#shouldStop()}) before stage {@link #nextStage()}. */
public class TrainingAbandonedException extends RuntimeException {

    private final int nextStage;

    public TrainingAbandonedException(int nextStage) {
        super("training abandoned before stage " + nextStage);
        this.nextStage = nextStage;
    }

    public int nextStage() {
        return nextStage;
    }
}
