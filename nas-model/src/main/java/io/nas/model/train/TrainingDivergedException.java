package io.nas.model.train;

/** The training loss became NaN: the candidate cannot be trained with these settings (publish it as FAILED). */
public class TrainingDivergedException extends RuntimeException {

    private final int stage;
    private final int epoch;
    private final long step;

    public TrainingDivergedException(int stage, int epoch, long step, Throwable cause) {
        super("training diverged (loss is NaN) in stage " + stage + ", epoch " + epoch + ", step " + step, cause);
        this.stage = stage;
        this.epoch = epoch;
        this.step = step;
    }

    public int stage() {
        return stage;
    }

    public int epoch() {
        return epoch;
    }

    public long step() {
        return step;
    }
}
