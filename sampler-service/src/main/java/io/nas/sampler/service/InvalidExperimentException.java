package io.nas.sampler.service;

/** A request for an experiment this stage cannot run; the message names the field and the rule it breaks. */
public class InvalidExperimentException extends IllegalArgumentException {

    private final String field;

    public InvalidExperimentException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
