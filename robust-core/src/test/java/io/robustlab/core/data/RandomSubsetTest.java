package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.spec.DatasetSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomSubsetTest {

    @TempDir
    Path dataDir;

    @BeforeEach
    void mnist() {
        TestDataFiles.mnistFolder(dataDir.resolve("mnist"), 50, 20, false);
    }

    private Dataset load(Integer trainSize, Integer testSize, Long seed) {
        return Datasets.load(new DatasetSpec("mnist", trainSize, testSize, seed, null, null, null, null, null),
                DataLocations.only(dataDir));
    }

    @Test
    void indicesAreDistinctAscendingAndInRange() {
        int[] indices = RandomSubset.indices(1000, 300, new SplittableRandom(9));

        assertThat(indices).hasSize(300).doesNotHaveDuplicates().isSorted();
        assertThat(Arrays.stream(indices).min().getAsInt()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(indices).max().getAsInt()).isLessThan(1000);
    }

    @Test
    void theSameSeedGivesTheSameSubsetAndAnotherSeedAnotherOne() {
        Dataset a = load(10, 5, 3L);
        Dataset b = load(10, 5, 3L);
        Dataset c = load(10, 5, 4L);

        assertThat(a.train().size()).isEqualTo(10);
        assertThat(a.test().size()).isEqualTo(5);
        assertThat(a.train().features()).isEqualTo(b.train().features());
        assertThat(a.test().labels()).isEqualTo(b.test().labels());
        assertThat(a.train().features()).isNotEqualTo(c.train().features());
    }

    @Test
    void subsetExamplesAreWholeExamplesOfTheSplitWithoutRepeats() {
        Dataset subset = load(20, null, 1L);
        // every generated image i starts with pixel(i, 0) = i, which identifies it
        int[] originals = new int[20];
        for (int e = 0; e < 20; e++) {
            int i = Math.round(subset.train().features()[e * 784] * 255);
            originals[e] = i;
            assertThat(subset.train().labels()[e]).isEqualTo(TestDataFiles.label(i));
            assertThat(subset.train().features()[e * 784 + 783]).isEqualTo(TestDataFiles.pixel(i, 783) / 255f);
        }
        assertThat(originals).doesNotHaveDuplicates().isSorted();
        assertThat(subset.test().size()).isEqualTo(20);
    }

    @Test
    void theFullSizeIsTheSplitUnchangedInItsOrder() {
        Dataset full = load(null, null, null);

        assertThat(load(50, 20, 8L).train().features()).isEqualTo(full.train().features());
        assertThat(load(50, 20, 8L).test().labels()).isEqualTo(full.test().labels());
    }

    @Test
    void theTrainingSubsetDoesNotDependOnTheTestSize() {
        assertThat(load(10, 5, 3L).train().labels()).isEqualTo(load(10, null, 3L).train().labels());
    }

    @Test
    void askingForMoreThanThereIsNamesTheField() {
        assertThatThrownBy(() -> load(51, null, 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainSize 51 exceeds the 50 examples of the mnist training split");
        assertThatThrownBy(() -> load(null, 0, 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testSize must be at least 1");
    }
}
