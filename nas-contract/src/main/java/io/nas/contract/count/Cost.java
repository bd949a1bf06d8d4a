package io.nas.contract.count;

/** Trainable parameters and multiply-adds of one part of a network. */
public record Cost(long params, long madds) {

    public static final Cost ZERO = new Cost(0, 0);

    public Cost plus(Cost other) {
        return new Cost(params + other.params, madds + other.madds);
    }
}
