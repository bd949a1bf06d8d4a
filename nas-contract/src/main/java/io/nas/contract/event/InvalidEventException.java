package io.nas.contract.event;

/** An event that parses as JSON but breaks the contract; the message names the field and the rule. */
public class InvalidEventException extends IllegalArgumentException {

    private final String field;

    public InvalidEventException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
