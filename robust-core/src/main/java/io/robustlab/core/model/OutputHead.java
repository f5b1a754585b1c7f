package io.robustlab.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/** How logits become a training loss. Either way the prediction is the arg-max of the logits. */
public enum OutputHead {

    /** Mean over the batch of −log softmax(logits)[label]. */
    SOFTMAX_CROSS_ENTROPY("softmax-cross-entropy") {
        @Override
        public NDArray loss(NDArray logits, NDArray labels) {
            NDArray picked = logits.logSoftmax(1).gather(labels.reshape(-1, 1), 1);
            return picked.mean().neg();
        }
    },

    /** Mean over the batch and the classes of (sigmoid(logits) − one-hot(label))², as torch's MSELoss. */
    SIGMOID_MSE("sigmoid-mse") {
        @Override
        public NDArray loss(NDArray logits, NDArray labels) {
            NDArray target = labels.oneHot((int) logits.getShape().get(1), DataType.FLOAT32);
            return Activation.sigmoid(logits).sub(target).square().mean();
        }
    };

    private final String specName;

    OutputHead(String specName) {
        this.specName = specName;
    }

    /** The scalar loss of a batch; {@code labels} are int64 class indices of shape (N). */
    public abstract NDArray loss(NDArray logits, NDArray labels);

    /** The name used in {@code ModelSpec.head}. */
    public String specName() {
        return specName;
    }

    public static OutputHead of(String specName) {
        for (OutputHead head : values()) {
            if (head.specName.equals(specName)) {
                return head;
            }
        }
        throw new IllegalArgumentException("unknown head '" + specName + "'");
    }
}
