package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.spec.DatasetSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermutedMnistTest {

    @TempDir
    Path dataDir;

    private Dataset load(Integer task) {
        return Datasets.load(new DatasetSpec("permuted-mnist", null, null, null, task, null, null, null, null),
                DataLocations.only(dataDir));
    }

    @Test
    void everyTaskIsAPermutationOfThe784Pixels() {
        for (int task = 0; task < 20; task++) {
            int[] sorted = PermutedMnist.permutation(task).clone();
            Arrays.sort(sorted);
            assertThat(sorted).isEqualTo(IntStream.range(0, 784).toArray());
        }
    }

    @Test
    void theSameTaskGivesTheSamePermutationAndDifferentTasksDifferentOnes() {
        assertThat(PermutedMnist.permutation(3)).isEqualTo(PermutedMnist.permutation(3));
        assertThat(PermutedMnist.permutation(3)).isNotEqualTo(PermutedMnist.permutation(4));
        assertThat(PermutedMnist.permutation(0)).isNotEqualTo(IntStream.range(0, 784).toArray());
    }

    @Test
    void permutationsAreStableAcrossJvmsAndReleases() {
        // pinned: a change here silently changes every permuted-mnist experiment ever run
        assertThat(Arrays.copyOf(PermutedMnist.permutation(1), 8)).containsExactly(PINNED_TASK_1);
    }

    private static final int[] PINNED_TASK_1 = {731, 674, 351, 594, 157, 542, 180, 397};

    @Test
    void theTaskPermutationIsAppliedIdenticallyToTrainingAndTestImages() {
        TestDataFiles.mnistFolder(dataDir.resolve("mnist"), 6, 6, true);

        Dataset permuted = load(2);
        int[] permutation = PermutedMnist.permutation(2);

        assertThat(permuted.name()).isEqualTo("permuted-mnist");
        assertThat(permuted.exampleShape()).containsExactly(1, 28, 28);
        // the generated train and test files hold the same images, so the permuted ones must agree too
        assertThat(permuted.test().features()).isEqualTo(permuted.train().features());
        assertThat(permuted.train().labels()).isEqualTo(permuted.test().labels());
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 784; k++) {
                assertThat(permuted.train().features()[i * 784 + k])
                        .isEqualTo(TestDataFiles.pixel(i, permutation[k]) / 255f);
            }
        }
    }

    @Test
    void taskDefaultsToZero() {
        TestDataFiles.mnistFolder(dataDir.resolve("mnist"), 2, 1, false);

        assertThat(load(null).train().features()).isEqualTo(load(0).train().features());
        assertThat(load(null).train().features()).isNotEqualTo(load(1).train().features());
    }

    @Test
    void negativeTasksAreRejected() {
        assertThatThrownBy(() -> load(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task");
    }
}
