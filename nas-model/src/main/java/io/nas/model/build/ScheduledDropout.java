package io.nas.model.build;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Dropout whose rate can change between training stages (progressive regularization); DJL's {@link Dropout} block
 * fixes its rate when it is built. Identity at inference and at rate 0.
 */
public class ScheduledDropout extends AbstractBlock {

    private volatile double rate;

    public ScheduledDropout(double rate) {
        setRate(rate);
    }

    public double rate() {
        return rate;
    }

    /** Takes effect from the next forward pass. */
    public void setRate(double rate) {
        if (!(rate >= 0.0 && rate < 1.0)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), was " + rate);
        }
        this.rate = rate;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        double current = rate;
        if (!training || current == 0.0) {
            return inputs;
        }
        return Dropout.dropout(inputs.singletonOrThrow(), (float) current, true);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "ScheduledDropout(rate=" + rate + ")";
    }
}
