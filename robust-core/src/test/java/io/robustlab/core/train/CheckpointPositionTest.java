package io.robustlab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

class CheckpointPositionTest {

    @Test
    void folderNamesReadBackAsTheirPositions() {
        for (CheckpointPosition position : List.of(new CheckpointPosition(3, 0), new CheckpointPosition(3, 120),
                new CheckpointPosition(0, 1), new CheckpointPosition(12345, 0))) {
            assertThat(CheckpointPosition.parse(position.folderName())).contains(position);
        }
        assertThat(new CheckpointPosition(3, 0).folderName()).isEqualTo("epoch-0003");
        assertThat(new CheckpointPosition(3, 120).folderName()).as("named by the epoch in progress")
                .isEqualTo("epoch-0004-batch-000120");
    }

    @Test
    void namesThatAreNotCheckpointsAreIgnored() {
        assertThat(Stream.of(".epoch-0003-123", "epoch-3", "epoch-0000", "epoch-0001-batch-000000",
                "epoch-0000-batch-000004", "epoch-0003-download", "model", "epoch-0003-batch-12")
                .map(CheckpointPosition::parse)).allMatch(java.util.Optional::isEmpty);
        assertThatThrownBy(() -> new CheckpointPosition(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positionsOrderByEpochsThenBatches() {
        List<CheckpointPosition> sorted = Stream.of(new CheckpointPosition(2, 0), new CheckpointPosition(1, 7),
                new CheckpointPosition(1, 0), new CheckpointPosition(1, 30), new CheckpointPosition(0, 5)).sorted()
                .toList();
        assertThat(sorted).containsExactly(new CheckpointPosition(0, 5), new CheckpointPosition(1, 0),
                new CheckpointPosition(1, 7), new CheckpointPosition(1, 30), new CheckpointPosition(2, 0));
    }

    @Test
    void aMidEpochCheckpointIsSupersededByAnythingNewerAnEpochsOnlyByTwoNewerEpochs() {
        CheckpointPosition epoch3 = new CheckpointPosition(3, 0);
        CheckpointPosition inEpoch4 = new CheckpointPosition(3, 50);

        assertThat(CheckpointStore.superseded(inEpoch4, new CheckpointPosition(3, 51))).isTrue();
        assertThat(CheckpointStore.superseded(inEpoch4, new CheckpointPosition(4, 0))).isTrue();
        assertThat(CheckpointStore.superseded(inEpoch4, inEpoch4)).isFalse();
        assertThat(CheckpointStore.superseded(epoch3, inEpoch4)).isFalse();
        assertThat(CheckpointStore.superseded(epoch3, new CheckpointPosition(4, 0))).isFalse();
        assertThat(CheckpointStore.superseded(epoch3, new CheckpointPosition(5, 0))).isTrue();
        assertThat(CheckpointStore.superseded(new CheckpointPosition(4, 0), epoch3)).isFalse();
    }
}
