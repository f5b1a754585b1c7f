package io.robustlab.core.data;

import java.util.SplittableRandom;

/**
 * Permuted MNIST, the continual-learning benchmark of Laborieux, Ernoult, Hirtzlin and Querlioz (2021),
 * "Synaptic metaplasticity in binarized neural networks", Nature Communications 12, 2549: task
 * {@code k} is MNIST with its 784 pixels shuffled by one fixed permutation, the same for the training
 * and the test split. The permutation of task {@code k} is a Fisher–Yates shuffle driven by
 * {@code new SplittableRandom(k)} (SplitMix64, so it is the same on every JVM); task 0 is permuted too.
 * Pixel {@code i} of a permuted image is pixel {@code permutation[i]} of the original.
 */
final class PermutedMnist {

    static final int PIXELS = MnistFormat.SIDE * MnistFormat.SIDE;

    private PermutedMnist() {
    }

    static Dataset load(String name, int task, DataLocations locations) {
        if (task < 0) {
            throw new IllegalArgumentException("task must be 0 or more, was " + task);
        }
        Dataset mnist = MnistFormat.load("mnist", locations);
        int[] permutation = permutation(task);
        return new Dataset(name, permute(mnist.train(), permutation), permute(mnist.test(), permutation));
    }

    /** The pixel permutation of task {@code k}. */
    static int[] permutation(long task) {
        int[] permutation = new int[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            permutation[i] = i;
        }
        SplittableRandom random = new SplittableRandom(task);
        for (int i = PIXELS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return permutation;
    }

    static ExampleSet permute(ExampleSet images, int[] permutation) {
        float[] from = images.features();
        float[] to = new float[from.length];
        for (int offset = 0; offset < from.length; offset += PIXELS) {
            for (int i = 0; i < PIXELS; i++) {
                to[offset + i] = from[offset + permutation[i]];
            }
        }
        return new ExampleSet(to, images.labels(), images.exampleShape(), images.classes());
    }
}
