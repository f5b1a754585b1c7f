package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.spec.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLookupTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path systemDir;

    private static DatasetSpec spec(String name) {
        return new DatasetSpec(name, null, null, null, null, null, null, null, null);
    }

    private DataLocations locations() {
        return new DataLocations(dataDir, List.of(systemDir), false, DownloadSource.official());
    }

    @Test
    void dataDirectoryWinsOverSystemDirectory() {
        TestDataFiles.mnistFolder(dataDir.resolve("mnist"), 4, 2, false);
        TestDataFiles.mnistFolder(systemDir.resolve("mnist"), 7, 3, true);

        assertThat(Datasets.load(spec("mnist"), locations()).train().size()).isEqualTo(4);
    }

    @Test
    void systemDirectoryIsUsedWhenTheDataDirectoryLacksTheDataset() {
        TestDataFiles.mnistFolder(systemDir.resolve("fashion-mnist"), 7, 3, true);

        assertThat(Datasets.load(spec("fashion-mnist"), locations()).train().size()).isEqualTo(7);
    }

    @Test
    void anIncompleteFolderIsSkippedRatherThanMixedWithAnother() throws IOException {
        TestDataFiles.mnistFolder(dataDir.resolve("mnist"), 4, 2, false);
        Files.delete(dataDir.resolve("mnist").resolve(MnistFormat.TEST_LABELS));
        TestDataFiles.mnistFolder(systemDir.resolve("mnist"), 7, 3, true);

        Dataset dataset = Datasets.load(spec("mnist"), locations());

        assertThat(dataset.train().size()).isEqualTo(7);
        assertThat(dataset.test().size()).isEqualTo(3);
    }

    @Test
    void missingDatasetNamesTheFilesTheFoldersSearchedAndHowToGetThem() throws IOException {
        Files.createDirectories(systemDir.resolve("fashion-mnist"));
        TestDataFiles.write(systemDir.resolve("fashion-mnist").resolve("train-images-idx3-ubyte.gz"),
                TestDataFiles.images(1), true);

        assertThatThrownBy(() -> Datasets.load(spec("fashion-mnist"), locations()))
                .isInstanceOf(DatasetNotFoundException.class)
                .satisfies(e -> assertThat(((DatasetNotFoundException) e).dataset()).isEqualTo("fashion-mnist"))
                .hasMessageContaining("train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                        + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]")
                .hasMessageContaining(dataDir.resolve("fashion-mnist") + " (no such directory)")
                .hasMessageContaining(systemDir.resolve("fashion-mnist")
                        + " (lacks train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)")
                .hasMessageContaining("Put them in " + dataDir.resolve("fashion-mnist"))
                .hasMessageContaining("ROBUSTLAB_DATA_DOWNLOAD=true")
                .hasMessageContaining("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    }

    @Test
    void permutedMnistLooksForMnistFiles() {
        assertThatThrownBy(() -> Datasets.load(spec("permuted-mnist"), locations()))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("Dataset 'mnist' was not found")
                .hasMessageContaining(dataDir.resolve("mnist").toString())
                .hasMessageContaining(systemDir.resolve("mnist").toString());
    }

    @Test
    void missingCifarNamesTheBatchFolderAndTheArchive() {
        assertThatThrownBy(() -> Datasets.load(spec("cifar10"), locations()))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, "
                        + "data_batch_5.bin, test_batch.bin")
                .hasMessageContaining(dataDir.resolve("cifar10").resolve("cifar-10-batches-bin").toString())
                .hasMessageContaining("Unpacking cifar-10-binary.tar.gz in " + dataDir.resolve("cifar10"));
    }

    @Test
    void disabledDownloadsTouchNoNetwork() {
        try (var server = new LocalHttpServer()) {
            server.serve("train-images-idx3-ubyte.gz", TestDataFiles.gzip(TestDataFiles.images(1)));
            var source = new DownloadSource(server.baseUri(), Map.of("train-images-idx3-ubyte.gz", "00"));
            var locations = new DataLocations(dataDir, List.of(), false, Map.of("mnist", source));

            assertThatThrownBy(() -> Datasets.load(spec("mnist"), locations))
                    .isInstanceOf(DatasetNotFoundException.class)
                    .hasMessageContaining(server.baseUri().toString());
            assertThat(server.requests()).isZero();
            assertThat(dataDir.resolve("mnist")).doesNotExist();
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Datasets.load(spec("imagenet"), locations()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'imagenet'")
                .hasMessageContaining("fashion-mnist");
    }
}
