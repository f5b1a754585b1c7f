package io.robustlab.core.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.core.data.ExampleSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every corruption promises at every severity: shape, range, determinism, and independence of batching. */
class CorruptionContractTest {

    static Stream<Corruption> corruptions() {
        return Corruptions.all().stream();
    }

    /** Random, picture-like, constant-extreme and oddly sized images, in 1 and 3 channels. */
    private static List<Object[]> images() {
        List<Object[]> images = new ArrayList<>();
        for (ImageShape shape : List.of(TestImages.GRAY, TestImages.RGB, new ImageShape(1, 5, 7),
                new ImageShape(3, 9, 13), new ImageShape(1, 1, 1))) {
            images.add(new Object[] {shape, TestImages.uniform(shape, shape.size())});
            images.add(new Object[] {shape, TestImages.scene(shape, shape.size())});
            images.add(new Object[] {shape, TestImages.constant(shape, 0f)});
            images.add(new Object[] {shape, TestImages.constant(shape, 1f)});
        }
        return images;
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void outputKeepsTheShapeAndStaysInTheUnitInterval(Corruption corruption) {
        for (Object[] entry : images()) {
            ImageShape shape = (ImageShape) entry[0];
            float[] image = (float[]) entry[1];
            float[] original = image.clone();
            for (int severity = 1; severity <= 5; severity++) {
                float[] out = corruption.apply(image, shape, severity, 11L, 3);
                assertThat(out).as("%s at %d on %s", corruption, severity, shape).hasSize(shape.size());
                assertInUnitInterval(out, corruption + " at " + severity + " on " + shape);
            }
            assertThat(image).as("the input is left alone").isEqualTo(original);
        }
    }

    @Test
    void realImagesStayInTheUnitInterval() {
        ExampleSet fashion = TestImages.fashionMnist(20);
        for (Corruption corruption : Corruptions.all()) {
            for (int severity = 1; severity <= 5; severity++) {
                ExampleSet out = corruption.apply(fashion, severity, 5L);
                assertThat(out.exampleShape()).containsExactly(1, 28, 28);
                assertThat(out.labels()).isEqualTo(fashion.labels());
                assertInUnitInterval(out.features(), corruption + " at " + severity + " on Fashion-MNIST");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void sameSeedGivesTheSameImageAndRandomOnesDifferAcrossSeeds(Corruption corruption) {
        for (ImageShape shape : List.of(TestImages.GRAY, TestImages.RGB)) {
            float[] image = TestImages.scene(shape, 4);
            for (int severity = 1; severity <= 5; severity++) {
                float[] first = corruption.apply(image, shape, severity, 21L, 9);
                assertThat(corruption.apply(image, shape, severity, 21L, 9)).isEqualTo(first);
                float[] otherSeed = corruption.apply(image, shape, severity, 22L, 9);
                float[] otherExample = corruption.apply(image, shape, severity, 21L, 10);
                if (corruption.isRandom()) {
                    assertThat(otherSeed).as("%s at %d, another seed", corruption, severity).isNotEqualTo(first);
                    assertThat(otherExample).as("%s at %d, another index", corruption, severity).isNotEqualTo(first);
                } else {
                    assertThat(otherSeed).as("%s draws nothing", corruption).isEqualTo(first);
                    assertThat(otherExample).isEqualTo(first);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void aCorruptedSetDoesNotDependOnBatchingOrOrder(Corruption corruption) {
        for (ImageShape shape : List.of(TestImages.GRAY, TestImages.RGB)) {
            int n = 12;
            int d = shape.size();
            float[] features = new float[n * d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(TestImages.scene(shape, 100 + i), 0, features, i * d, d);
            }
            int[] labels = new int[n];
            Arrays.setAll(labels, i -> i % 10);
            long[] exampleShape = {shape.channels(), shape.height(), shape.width()};
            var set = new ExampleSet(features, labels, exampleShape, 10);
            for (int severity = 1; severity <= 5; severity++) {
                float[] whole = corruption.apply(set, severity, 77L).features();
                // one at a time, last to first
                for (int i = n - 1; i >= 0; i--) {
                    float[] one = corruption.apply(TestImages.example(set, i), shape, severity, 77L, i);
                    assertThat(one).as("%s at %d, example %d", corruption, severity, i)
                            .isEqualTo(Arrays.copyOfRange(whole, i * d, (i + 1) * d));
                }
                // two batches, the second knowing where it starts
                float[] head = corruption.apply(set.select(range(0, 5)), severity, 77L, 0).features();
                float[] tail = corruption.apply(set.select(range(5, n)), severity, 77L, 5).features();
                float[] joined = Arrays.copyOf(head, whole.length);
                System.arraycopy(tail, 0, joined, head.length, tail.length);
                assertThat(joined).as("%s at %d in batches", corruption, severity).isEqualTo(whole);
            }
        }
    }

    private static int[] range(int from, int to) {
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return indices;
    }

    private static void assertInUnitInterval(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0f && values[i] <= 1f)) {
                throw new AssertionError(what + ": value " + i + " is " + values[i] + ", outside [0,1]");
            }
        }
    }
}
