package io.nas.sampler.service;

/** A request for an experiment this sampler cannot run; the message names the field and the rule it breaks. */
public class InvalidExperimentException extends IllegalArgumentException {

    private final String field;

    public InvalidExperimentException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
    }

    /**
     * A refusal from a message that already starts with the field it names ("space.preset must be one of ...",
     * "strategySettings.clip must be ..."), as the contract's and nas-search's messages do.
     */
    static InvalidExperimentException named(String prefix, String message) {
        String text = String.valueOf(message);
        int blank = text.indexOf(' ');
        if (text.startsWith(prefix) && blank > 0) {
            return new InvalidExperimentException(text.substring(0, blank), text.substring(blank + 1));
        }
        return new InvalidExperimentException(prefix, "is invalid: " + text);
    }

    public String field() {
        return field;
    }
}
