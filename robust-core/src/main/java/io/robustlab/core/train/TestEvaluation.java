package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.robustlab.core.model.Network;

/** Clean loss and accuracy on a split, in inference mode, batch by batch, without gradients. */
final class TestEvaluation {

    static final int BATCH = 1000;

    private TestEvaluation() {
    }

    record Result(double loss, double accuracy) {
    }

    static Result evaluate(Network network, ExampleBatches examples, NDManager manager) {
        int[] order = examples.identityOrder();
        if (order.length == 0) {
            return new Result(Double.NaN, Double.NaN);
        }
        double lossSum = 0;
        try (NDArray correct = manager.zeros(new Shape(), DataType.INT64)) {
            for (int from = 0; from < order.length; from += BATCH) {
                int to = Math.min(order.length, from + BATCH);
                try (NDManager batchManager = manager.newSubManager()) {
                    NDList batch = examples.batch(batchManager, order, from, to);
                    NDArray logits = network.logits(batch.get(0), false);
                    lossSum += (double) network.loss(logits, batch.get(1)).getFloat() * (to - from);
                    correct.addi(logits.argMax(1).eq(batch.get(1)).sum());
                }
            }
            return new Result(lossSum / order.length, (double) correct.getLong() / order.length);
        }
    }
}
