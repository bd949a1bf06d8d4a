package io.nas.storage;

/**
 * Where a trial's artefacts lie in the object store (DESIGN.md, Storage):
 * {@code experiments/{experiment}/trials/{trial}/} holding {@code stage-{i}.params} (DJL's parameter format, like
 * {@code final.params}) with its optimizer state {@code stage-{i}.optimizer} and position {@code stage-{i}.json}
 * (stages counted from 1), {@code final.params}, {@code architecture.txt}, {@code metrics.json} and {@code lease.json}.
 */
public record TrialObjects(String experimentId, String trialId) {

    public String prefix() {
        return "experiments/" + experimentId + "/trials/" + trialId + "/";
    }

    public String stageParams(int stage) {
        return prefix() + "stage-" + stage + ".params";
    }

    public String stageOptimizer(int stage) {
        return prefix() + "stage-" + stage + ".optimizer";
    }

    /** Written after the stage's parameters and optimizer state: its presence marks the stage checkpoint complete. */
    public String stageState(int stage) {
        return prefix() + "stage-" + stage + ".json";
    }

    public String finalParams() {
        return prefix() + "final.params";
    }

    public String architecture() {
        return prefix() + "architecture.txt";
    }

    /** The trial's answer once it has one: a trial with this object is answered from it, never trained again. */
    public String metrics() {
        return prefix() + "metrics.json";
    }

    public String lease() {
        return prefix() + "lease.json";
    }
}
