package io.nas.contract;

/** Trial ids are {@code {experimentId}-{seq}}, seq from 1 in proposal order (DESIGN.md, Events). */
public final class TrialIds {

    private TrialIds() {
    }

    public static String of(String experimentId, long seq) {
        return experimentId + "-" + seq;
    }

    /** The seq of a trial of {@code experimentId}, or -1 when {@code trialId} is not one of its trial ids. */
    public static long seq(String trialId, String experimentId) {
        if (trialId == null || experimentId == null || !trialId.startsWith(experimentId + "-")) {
            return -1;
        }
        String suffix = trialId.substring(experimentId.length() + 1);
        return suffix.matches("[1-9][0-9]{0,17}") ? Long.parseLong(suffix) : -1;
    }
}
