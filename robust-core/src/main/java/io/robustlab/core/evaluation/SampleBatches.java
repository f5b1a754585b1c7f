package io.robustlab.core.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.robustlab.core.data.ExampleSet;
import io.robustlab.core.model.Network;
import java.util.Arrays;

/** The evaluated samples and the network, with batched forward passes that free their native memory per batch. */
final class SampleBatches {

    final Network network;
    final NDManager manager;
    final ExampleSet samples;
    final int batchSize;
    final int featureCount;

    SampleBatches(Network network, NDManager manager, ExampleSet samples, int batchSize) {
        this.network = network;
        this.manager = manager;
        this.samples = samples;
        this.batchSize = batchSize;
        this.featureCount = Math.toIntExact(Arrays.stream(samples.exampleShape()).reduce(1, Math::multiplyExact));
    }

    int size() {
        return samples.size();
    }

    int label(int sample) {
        return samples.labels()[sample];
    }

    /** {@code count} examples in {@code features} as one array of {@code manager}. */
    NDArray array(NDManager in, float[] features, int count) {
        return in.create(features, new Shape(samples.batchShape(count)));
    }

    /** The features of these samples, one after another. */
    float[] gather(int[] indices) {
        float[] gathered = new float[indices.length * featureCount];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(samples.features(), indices[i] * featureCount, gathered, i * featureCount, featureCount);
        }
        return gathered;
    }

    /** The predicted class of each of {@code count} examples in {@code features}, in batches of batchSize. */
    int[] predict(float[] features, int count) {
        int[] predicted = new int[count];
        for (int start = 0; start < count; start += batchSize) {
            int n = Math.min(batchSize, count - start);
            try (NDManager batch = manager.newSubManager()) {
                float[] part = Arrays.copyOfRange(features, start * featureCount, (start + n) * featureCount);
                long[] classes = network.predict(array(batch, part, n)).toLongArray();
                for (int i = 0; i < n; i++) {
                    predicted[start + i] = Math.toIntExact(classes[i]);
                }
            }
        }
        return predicted;
    }
}
