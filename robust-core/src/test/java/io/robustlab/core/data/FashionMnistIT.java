package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.contracts.spec.DatasetSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The real Fashion-MNIST, as Debian's {@code dataset-fashion-mnist} installs it in
 * {@code /usr/share/datasets/fashion-mnist}. Skipped where it is not installed, except in CI
 * ({@code CI=true}), where its absence fails the build.
 */
class FashionMnistIT {

    @Test
    void loadsTheInstalledFashionMnist() {
        long start = System.nanoTime();
        Dataset dataset = InstalledDatasets.loadOrSkip(
                new DatasetSpec("fashion-mnist", null, null, null, null, null, null, null, null));
        System.out.printf("Fashion-MNIST loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(dataset.train().size()).isEqualTo(60_000);
        assertThat(dataset.test().size()).isEqualTo(10_000);
        assertThat(dataset.exampleShape()).containsExactly(1, 28, 28);
        assertThat(dataset.classes()).isEqualTo(10);
        for (ExampleSet split : new ExampleSet[] {dataset.train(), dataset.test()}) {
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float x : split.features()) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            assertThat(min).isEqualTo(0f);
            assertThat(max).isEqualTo(1f);
            int[] perClass = new int[10];
            for (int label : split.labels()) {
                perClass[label]++;
            }
            // Fashion-MNIST is balanced: 6000 training and 1000 test images per class
            int expected = split.size() / 10;
            assertThat(perClass).as(Arrays.toString(perClass)).containsOnly(expected);
        }
        assertThat(dataset.train().labels()[0]).as("the first training image is an ankle boot").isEqualTo(9);
    }
}
