package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.spec.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedDownloadTest {

    @TempDir
    Path dataDir;

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static DatasetSpec spec(String name) {
        return new DatasetSpec(name, null, null, null, null, null, null, null, null);
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Serves the four Fashion-MNIST files; the checksum of one of them can be replaced. */
    private static Map<String, String> serveFashionMnist(LocalHttpServer server) throws Exception {
        Map<String, byte[]> files = Map.of(
                "train-images-idx3-ubyte.gz", TestDataFiles.gzip(TestDataFiles.images(8)),
                "train-labels-idx1-ubyte.gz", TestDataFiles.gzip(TestDataFiles.labels(8)),
                "t10k-images-idx3-ubyte.gz", TestDataFiles.gzip(TestDataFiles.images(3)),
                "t10k-labels-idx1-ubyte.gz", TestDataFiles.gzip(TestDataFiles.labels(3)));
        Map<String, String> checksums = new HashMap<>();
        for (var file : files.entrySet()) {
            server.serve(file.getKey(), file.getValue());
            checksums.put(file.getKey(), sha256(file.getValue()));
        }
        return checksums;
    }

    @Test
    void downloadsVerifiedFilesIntoTheDataDirectoryThenLoadsThem() throws Exception {
        try (var server = new LocalHttpServer()) {
            var source = new DownloadSource(server.baseUri(), serveFashionMnist(server));
            var locations = DataLocations.only(dataDir).withDownloads(true, Map.of("fashion-mnist", source));

            Dataset dataset = Datasets.load(spec("fashion-mnist"), locations);

            assertThat(dataset.train().size()).isEqualTo(8);
            assertThat(dataset.test().size()).isEqualTo(3);
            assertThat(server.requests()).isEqualTo(4);
            assertThat(filesUnder(dataDir)).containsExactlyInAnyOrder(
                    dataDir.resolve("fashion-mnist/train-images-idx3-ubyte.gz"),
                    dataDir.resolve("fashion-mnist/train-labels-idx1-ubyte.gz"),
                    dataDir.resolve("fashion-mnist/t10k-images-idx3-ubyte.gz"),
                    dataDir.resolve("fashion-mnist/t10k-labels-idx1-ubyte.gz"));

            Datasets.load(spec("fashion-mnist"), locations);
            assertThat(server.requests()).as("a second load finds the files and downloads nothing").isEqualTo(4);
        }
    }

    @Test
    void onlyMissingFilesAreDownloaded() throws Exception {
        try (var server = new LocalHttpServer()) {
            var source = new DownloadSource(server.baseUri(), serveFashionMnist(server));
            TestDataFiles.write(dataDir.resolve("fashion-mnist/train-images-idx3-ubyte"), TestDataFiles.images(8), false);
            var locations = DataLocations.only(dataDir).withDownloads(true, Map.of("fashion-mnist", source));

            assertThat(Datasets.load(spec("fashion-mnist"), locations).train().size()).isEqualTo(8);
            assertThat(server.requests()).isEqualTo(3);
        }
    }

    @Test
    void aChecksumMismatchFailsWithBothHashesAndLeavesNoFileBehind() throws Exception {
        try (var server = new LocalHttpServer()) {
            Map<String, String> checksums = serveFashionMnist(server);
            String actual = checksums.get("train-images-idx3-ubyte.gz");
            String expected = "0".repeat(64);
            checksums.put("train-images-idx3-ubyte.gz", expected);
            var source = new DownloadSource(server.baseUri(), checksums);
            var locations = DataLocations.only(dataDir).withDownloads(true, Map.of("fashion-mnist", source));

            assertThatThrownBy(() -> Datasets.load(spec("fashion-mnist"), locations))
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining(server.baseUri() + "train-images-idx3-ubyte.gz")
                    .hasMessageContaining("expected " + expected)
                    .hasMessageContaining("got " + actual);
            assertThat(filesUnder(dataDir)).isEmpty();
        }
    }

    @Test
    void anHttpErrorFailsAndLeavesNoFileBehind() {
        try (var server = new LocalHttpServer()) {
            var uri = server.baseUri().resolve("absent.gz");

            assertThatThrownBy(() -> VerifiedDownload.fetch(uri, "0".repeat(64), dataDir.resolve("x/absent.gz")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("HTTP 404");
            assertThat(filesUnder(dataDir)).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void cifarArchiveIsDownloadedVerifiedUnpackedAndRemoved() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int b = 0; b < Cifar10Binary.BATCHES.size(); b++) {
            entries.put("cifar-10-batches-bin/" + Cifar10Binary.BATCHES.get(b), TestDataFiles.cifarBatch(2, b));
        }
        entries.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        byte[] archive = TestDataFiles.gzip(TestDataFiles.tar(entries, false));
        try (var server = new LocalHttpServer()) {
            server.serve("cifar-10-binary.tar.gz", archive);
            var source = new DownloadSource(server.baseUri(), Map.of("cifar-10-binary.tar.gz", sha256(archive)));
            var locations = DataLocations.only(dataDir).withDownloads(true, Map.of("cifar10", source));

            Dataset dataset = Cifar10Binary.load(locations, 2);

            assertThat(dataset.train().size()).isEqualTo(10);
            assertThat(dataset.test().labels()).containsExactly(5, 6);
            Path folder = dataDir.resolve("cifar10/cifar-10-batches-bin");
            assertThat(filesUnder(dataDir)).containsExactlyInAnyOrderElementsOf(
                    Cifar10Binary.BATCHES.stream().map(folder::resolve).toList());
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void aCifarChecksumMismatchLeavesNothingBehind() throws Exception {
        byte[] archive = TestDataFiles.gzip(TestDataFiles.tar(Map.of("cifar-10-batches-bin/x", new byte[3]), true));
        try (var server = new LocalHttpServer()) {
            server.serve("cifar-10-binary.tar.gz", archive);
            var source = new DownloadSource(server.baseUri(), Map.of("cifar-10-binary.tar.gz", "ab".repeat(32)));
            var locations = DataLocations.only(dataDir).withDownloads(true, Map.of("cifar10", source));

            assertThatThrownBy(() -> Datasets.load(spec("cifar10"), locations))
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("SHA-256 mismatch: expected " + "ab".repeat(32) + ", got " + sha256(archive));
            assertThat(filesUnder(dataDir)).isEmpty();
        }
    }

    @Test
    void aCifarArchiveWithoutTheBatchesIsCorruptAndLeavesNothingBehind() throws Exception {
        byte[] archive = TestDataFiles.gzip(TestDataFiles.tar(
                Map.of("cifar-10-batches-bin/data_batch_1.bin", TestDataFiles.cifarBatch(2, 0)), true));
        try (var server = new LocalHttpServer()) {
            server.serve("cifar-10-binary.tar.gz", archive);
            var source = new DownloadSource(server.baseUri(), Map.of("cifar-10-binary.tar.gz", sha256(archive)));
            var locations = DataLocations.only(dataDir).withDownloads(true, Map.of("cifar10", source));

            assertThatThrownBy(() -> Cifar10Binary.load(locations, 2))
                    .isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("cifar-10-binary.tar.gz: does not contain cifar-10-batches-bin/data_batch_2.bin");
            assertThat(filesUnder(dataDir)).isEmpty();
        }
    }
}
