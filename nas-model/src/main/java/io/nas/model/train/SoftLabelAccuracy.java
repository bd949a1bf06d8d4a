package io.nas.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.evaluator.AbstractAccuracy;
import ai.djl.util.Pair;

/**
 * Top-1 accuracy for one-hot or soft (mixup) labels: the arg-max of the label against the arg-max of the logits.
 * DJL's {@code Accuracy} compares labels shaped like the logits element by element instead.
 */
public final class SoftLabelAccuracy extends AbstractAccuracy {

    public static final String NAME = "Accuracy";

    public SoftLabelAccuracy() {
        super(NAME, 1);
    }

    @Override
    protected Pair<Long, NDArray> accuracyHelper(NDList labels, NDList predictions) {
        NDArray label = labels.head();
        NDArray prediction = predictions.head();
        NDArray truth = label.getShape().equals(prediction.getShape()) ? label.argMax(axis) : label;
        NDArray predicted = prediction.argMax(axis);
        NDArray correct = truth.toType(DataType.INT64, false).eq(predicted.toType(DataType.INT64, false))
                .countNonzero();
        return new Pair<>(truth.size(), correct);
    }
}
