package io.robustlab.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The examples a spec asks for: the whole split in its original order, or a seeded random subset
 * drawn without replacement (a partial Fisher–Yates shuffle) and kept in the split's order. The
 * training and the test subset use two streams split off {@code new SplittableRandom(seed)}, so one
 * does not change when the other's size does.
 */
final class RandomSubset {

    private RandomSubset() {
    }

    static Dataset of(Dataset full, Integer trainSize, Integer testSize, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom trainStream = root.split();
        SplittableRandom testStream = root.split();
        return new Dataset(full.name(),
                of(full.train(), trainSize, "trainSize", "training", full.name(), trainStream),
                of(full.test(), testSize, "testSize", "test", full.name(), testStream));
    }

    private static ExampleSet of(ExampleSet split, Integer size, String field, String splitName, String dataset,
            SplittableRandom random) {
        if (size == null || size == split.size()) {
            return split;
        }
        if (size > split.size()) {
            throw new IllegalArgumentException(field + " " + size + " exceeds the " + split.size()
                    + " examples of the " + dataset + " " + splitName + " split");
        }
        return split.select(indices(split.size(), size, random));
    }

    /** {@code size} distinct indices out of {@code 0..population-1}, ascending. */
    static int[] indices(int population, int size, SplittableRandom random) {
        int[] shuffled = new int[population];
        for (int i = 0; i < population; i++) {
            shuffled[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(population - i);
            int swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }
        int[] chosen = Arrays.copyOf(shuffled, size);
        Arrays.sort(chosen);
        return chosen;
    }
}
