package io.robustlab.core.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Per-sample arithmetic on batches whose first axis is the sample: what the minimum-norm attacks share. */
final class Rows {

    private Rows() {
    }

    /** {@code values} (one per sample) reshaped to (N, 1, …, 1) so that it broadcasts over {@code like}. */
    static NDArray alongRows(NDArray values, NDArray like) {
        long[] shape = new long[like.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = like.getShape().get(0);
        return values.reshape(new Shape(shape));
    }

    /** The L2 norm of each sample (row) of {@code batch}, float32, shape (N). */
    static NDArray l2(NDArray batch) {
        return squaredL2(batch).sqrt();
    }

    /** The squared L2 norm of each sample: differentiable at 0, where the norm's gradient is not (NaN). */
    static NDArray squaredL2(NDArray batch) {
        return batch.reshape(batch.getShape().get(0), -1).square().sum(new int[] {1});
    }

    /** The rows of {@code batch} where {@code keep} is set, in {@code manager}. */
    static NDArray select(NDArray batch, NDArray keep, NDManager manager) {
        NDArray selected = batch.get(keep); // a boolean index on the first axis, as numpy's x[mask]
        selected.attach(manager);
        return selected;
    }
}
