package io.robustlab.core.data;

import io.robustlab.contracts.spec.DatasetSpec;
import java.util.List;
import java.util.Objects;

/**
 * The one way to get a {@link Dataset}: {@code mnist}, {@code fashion-mnist}, {@code permuted-mnist},
 * {@code cifar10}, {@code gaussian} or {@code bernoulli}, as a {@link DatasetSpec} describes it.
 *
 * <p>Image features are float32 in [0,1], shaped {@code [1,28,28]} (MNIST family) or {@code [3,32,32]}
 * (CIFAR-10, channels first), with 10 classes; normalisation belongs to the model, so attacks work in
 * input space. Synthetic sets are shaped {@code [d]}, with 2 classes. Missing spec fields mean: trainSize
 * and testSize the whole split, seed 0, task 0.
 */
public final class Datasets {

    /** The dataset names {@link #load} knows. */
    public static final List<String> NAMES =
            List.of("mnist", "fashion-mnist", "permuted-mnist", "cifar10", "gaussian", "bernoulli");

    private Datasets() {
    }

    /**
     * Loads (or, for synthetic sets, draws) the dataset the spec names, subset as it asks.
     *
     * @throws IllegalArgumentException   the spec is incomplete or asks for more examples than there are
     * @throws DatasetNotFoundException   its files are nowhere in {@code locations} and were not downloaded
     * @throws CorruptDataException       a file is truncated, damaged or not what it should be
     * @throws java.io.UncheckedIOException reading or downloading failed
     */
    public static Dataset load(DatasetSpec spec, DataLocations locations) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(locations, "locations");
        if (spec.name() == null) {
            throw new IllegalArgumentException("name is required, one of " + NAMES);
        }
        requirePositive(spec.trainSize(), "trainSize");
        requirePositive(spec.testSize(), "testSize");
        return switch (spec.name()) {
            case "mnist", "fashion-mnist" -> subset(MnistFormat.load(spec.name(), locations), spec);
            case "permuted-mnist" ->
                    subset(PermutedMnist.load(spec.name(), spec.task() == null ? 0 : spec.task(), locations), spec);
            case "cifar10" -> subset(Cifar10Binary.load(locations), spec);
            case "gaussian", "bernoulli" -> SyntheticData.generate(spec); // drawn at the requested sizes
            default -> throw new IllegalArgumentException("name '" + spec.name() + "' is not a dataset; known: " + NAMES);
        };
    }

    private static Dataset subset(Dataset full, DatasetSpec spec) {
        return RandomSubset.of(full, spec.trainSize(), spec.testSize(), spec.seed() == null ? 0 : spec.seed());
    }

    private static void requirePositive(Integer size, String field) {
        if (size != null && size < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, was " + size);
        }
    }
}
