package io.robustlab.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The datasets a spec may name, with what the rules need to know about each. */
enum KnownDataset {

    MNIST("mnist", 60_000, 10_000, 28, 1),
    FASHION_MNIST("fashion-mnist", 60_000, 10_000, 28, 1),
    PERMUTED_MNIST("permuted-mnist", 60_000, 10_000, 28, 1),
    CIFAR10("cifar10", 50_000, 10_000, 32, 3),
    GAUSSIAN("gaussian", SyntheticSizes.MAX, SyntheticSizes.MAX, 0, 0),
    BERNOULLI("bernoulli", SyntheticSizes.MAX, SyntheticSizes.MAX, 0, 0);

    /** Synthetic data is drawn, not stored: the cap only keeps one job from filling a worker's memory. */
    static final class SyntheticSizes {
        static final int MAX = 1_000_000;
        static final int DEFAULT = 1_000;
        static final int DEFAULT_DIMENSION = 10;

        private SyntheticSizes() {
        }
    }

    static final List<String> NAMES = namesOf(d -> true);
    static final String GRAYSCALE_28_NAMES = String.join(", ", namesOf(KnownDataset::isGrayscale28));
    static final String IMAGE_NAMES = String.join(", ", namesOf(KnownDataset::isImage));
    static final String SYNTHETIC_NAMES = String.join(", ", namesOf(KnownDataset::isSynthetic));

    private final String specName;
    private final int trainSplit;
    private final int testSplit;
    private final int imageSide;
    private final int imageChannels;

    KnownDataset(String specName, int trainSplit, int testSplit, int imageSide, int imageChannels) {
        this.specName = specName;
        this.trainSplit = trainSplit;
        this.testSplit = testSplit;
        this.imageSide = imageSide;
        this.imageChannels = imageChannels;
    }

    private static List<String> namesOf(Predicate<KnownDataset> which) {
        return Arrays.stream(values()).filter(which).map(KnownDataset::specName).toList();
    }

    static Optional<KnownDataset> named(String name) {
        return Arrays.stream(values()).filter(d -> d.specName.equals(name)).findFirst();
    }

    String specName() {
        return specName;
    }

    /** The most examples a trainSize may ask for: the whole training split. */
    int trainSplit() {
        return trainSplit;
    }

    int testSplit() {
        return testSplit;
    }

    int defaultTrainSize() {
        return isSynthetic() ? SyntheticSizes.DEFAULT : trainSplit;
    }

    int defaultTestSize() {
        return isSynthetic() ? SyntheticSizes.DEFAULT : testSplit;
    }

    boolean isSynthetic() {
        return imageSide == 0;
    }

    boolean isImage() {
        return imageSide > 0;
    }

    boolean isGrayscale28() {
        return imageSide == 28 && imageChannels == 1;
    }

    /** How many classes its labels take: 10 for the image datasets, 2 (y = ±1) for the synthetic ones. */
    int classes() {
        return isSynthetic() ? 2 : 10;
    }

    /** The size of the named split ({@code train} or {@code test}): the most examples one may take from it. */
    int splitSize(String split) {
        return split.equals("train") ? trainSplit : testSplit;
    }

    /** How many examples of the named split are taken when none is said: all of it (synthetic: 1000 drawn). */
    int defaultSize(String split) {
        return split.equals("train") ? defaultTrainSize() : defaultTestSize();
    }

    /** How many 2×2 max pools the image survives before its side would reach zero: floor(log2(side)). */
    int maxPoolings() {
        return 31 - Integer.numberOfLeadingZeros(imageSide);
    }
}
