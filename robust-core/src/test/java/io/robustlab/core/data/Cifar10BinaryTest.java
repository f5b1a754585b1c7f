package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10BinaryTest {

    @TempDir
    Path dataDir;

    private Path batches() {
        return dataDir.resolve("cifar10").resolve("cifar-10-batches-bin");
    }

    @Test
    void loadsFiveTrainingBatchesAndTheTestBatchChannelsFirst() {
        TestDataFiles.cifarFolder(batches(), 3);

        Dataset dataset = Cifar10Binary.load(DataLocations.only(dataDir), 3);

        assertThat(dataset.name()).isEqualTo("cifar10");
        assertThat(dataset.train().size()).isEqualTo(15);
        assertThat(dataset.test().size()).isEqualTo(3);
        assertThat(dataset.exampleShape()).containsExactly(3, 32, 32);
        assertThat(dataset.classes()).isEqualTo(10);
        // training example 4 is record 1 of data_batch_2 (labels start at 1 there)
        assertThat(dataset.train().labels()[4]).isEqualTo(2);
        // channel 2 (blue), row 5, column 7 of that record
        int position = 5 * 32 + 7;
        float blue = dataset.train().features()[4 * 3072 + 2 * 1024 + position];
        assertThat(blue).isEqualTo(TestDataFiles.cifarPixel(1, 2, position) / 255f);
        float red = dataset.train().features()[4 * 3072 + position];
        assertThat(red).isEqualTo(TestDataFiles.cifarPixel(1, 0, position) / 255f);
        assertThat(dataset.test().labels()).containsExactly(5, 6, 7);
    }

    @Test
    void aShortBatchIsTruncated() {
        TestDataFiles.cifarFolder(batches(), 3);
        byte[] batch = TestDataFiles.cifarBatch(3, 0);
        TestDataFiles.write(batches().resolve("data_batch_3.bin"), Arrays.copyOf(batch, batch.length - 10), false);

        assertThatThrownBy(() -> Cifar10Binary.load(DataLocations.only(dataDir), 3))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(batches().resolve("data_batch_3.bin").toString())
                .hasMessageContaining("holds 9209 bytes, expected 9219")
                .hasMessageContaining("ends inside record 2");
    }

    @Test
    void aBatchWithTooFewWholeRecordsIsRejected() {
        TestDataFiles.cifarFolder(batches(), 3);
        TestDataFiles.write(batches().resolve("test_batch.bin"), TestDataFiles.cifarBatch(2, 0), false);

        assertThatThrownBy(() -> Cifar10Binary.load(DataLocations.only(dataDir), 3))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("test_batch.bin: holds 6146 bytes, expected 9219 (3 records");
    }

    @Test
    void labelsOutsideTheClassesAreRejected() {
        byte[] batch = TestDataFiles.cifarBatch(2, 0);
        batch[Cifar10Binary.RECORD] = 10;
        TestDataFiles.write(dataDir.resolve("b.bin"), batch, false);

        assertThatThrownBy(() -> Cifar10Binary.read(List.of(dataDir.resolve("b.bin")), 2))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("label 10 of record 1 is outside 0..9");
    }
}
