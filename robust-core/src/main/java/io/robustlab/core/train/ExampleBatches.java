package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.robustlab.core.data.ExampleSet;

import java.util.SplittableRandom;

/** Cuts an example set into batches: inputs float32 (B, exampleShape…) and labels int64 (B). */
final class ExampleBatches {

    private final ExampleSet examples;
    private final int featureCount;

    ExampleBatches(ExampleSet examples) {
        this.examples = examples;
        this.featureCount = examples.featureCount();
    }

    int size() {
        return examples.size();
    }

    /** 0 … n−1 in the order of a Fisher–Yates shuffle drawn from {@code random}. */
    int[] shuffledOrder(SplittableRandom random) {
        int[] order = identityOrder();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    int[] identityOrder() {
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The examples {@code order[from..to)} as (inputs, labels), allocated in {@code manager}. */
    NDList batch(NDManager manager, int[] order, int from, int to) {
        int count = to - from;
        float[] features = new float[count * featureCount];
        long[] labels = new long[count];
        float[] all = examples.features();
        int[] allLabels = examples.labels();
        for (int i = 0; i < count; i++) {
            int example = order[from + i];
            System.arraycopy(all, example * featureCount, features, i * featureCount, featureCount);
            labels[i] = allLabels[example];
        }
        NDArray inputs = manager.create(features, new Shape(examples.batchShape(count)));
        return new NDList(inputs, manager.create(labels));
    }
}
