package io.robustlab.core.data;

import static io.robustlab.core.data.TestDataFiles.idx;
import static io.robustlab.core.data.TestDataFiles.images;
import static io.robustlab.core.data.TestDataFiles.labels;
import static io.robustlab.core.data.TestDataFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.contracts.spec.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MnistFormatTest {

    @TempDir
    Path dataDir;

    private Dataset load(String name) {
        return Datasets.load(new DatasetSpec(name, null, null, null, null, null, null, null, null),
                DataLocations.only(dataDir));
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {true, false})
    void loadsPixelsScaledToUnitIntervalWithLabelsAndShape(boolean gzip) {
        TestDataFiles.mnistFolder(dataDir.resolve("fashion-mnist"), 12, 5, gzip);

        Dataset dataset = load("fashion-mnist");

        assertThat(dataset.name()).isEqualTo("fashion-mnist");
        assertThat(dataset.train().size()).isEqualTo(12);
        assertThat(dataset.test().size()).isEqualTo(5);
        assertThat(dataset.exampleShape()).containsExactly(1, 28, 28);
        assertThat(dataset.test().exampleShape()).containsExactly(1, 28, 28);
        assertThat(dataset.classes()).isEqualTo(10);
        float[] x = dataset.train().features();
        for (int i = 0; i < 12; i++) {
            assertThat(dataset.train().labels()[i]).isEqualTo(TestDataFiles.label(i));
            for (int k = 0; k < 784; k++) {
                assertThat(x[i * 784 + k]).isEqualTo(TestDataFiles.pixel(i, k) / 255f);
            }
        }
        assertThat(dataset.test().features()[4 * 784 + 100]).isEqualTo(TestDataFiles.pixel(4, 100) / 255f);
    }

    @Test
    void extremeBytesMapToZeroAndOne() {
        byte[] pixels = new byte[784];
        pixels[0] = (byte) 255;
        pixels[1] = (byte) 128;
        write(dataDir.resolve("a"), idx(IdxFile.IMAGES_MAGIC, new int[] {1, 28, 28}, pixels), false);
        write(dataDir.resolve("b"), idx(IdxFile.LABELS_MAGIC, new int[] {1}, new byte[] {9}), true);

        ExampleSet set = MnistFormat.read(dataDir.resolve("a"), dataDir.resolve("b"));

        assertThat(set.features()[0]).isEqualTo(1f);
        assertThat(set.features()[1]).isEqualTo(128 / 255f);
        assertThat(set.features()[2]).isEqualTo(0f);
        assertThat(set.labels()).containsExactly(9);
    }

    @Test
    void truncatedImageDataNamesFileAndSizes() {
        byte[] full = images(3);
        write(dataDir.resolve("images"), Arrays.copyOf(full, full.length - 100), false);
        write(dataDir.resolve("labels"), labels(3), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(dataDir.resolve("images").toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("2352 bytes of data, but only 2252 follow");
    }

    @Test
    void truncatedGzipIsReportedAsSuch() {
        byte[] gz = TestDataFiles.gzip(images(3));
        write(dataDir.resolve("images.gz"), Arrays.copyOf(gz, gz.length / 2), false);
        write(dataDir.resolve("labels"), labels(3), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images.gz"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(dataDir.resolve("images.gz").toString())
                .hasMessageContaining("truncated or damaged gzip data");
    }

    @Test
    void damagedGzipIsReportedAsSuch() {
        byte[] gz = TestDataFiles.gzip(images(3));
        for (int i = 20; i < 60; i++) {
            gz[i] ^= (byte) 0x5a;
        }
        write(dataDir.resolve("images.gz"), gz, false);
        write(dataDir.resolve("labels"), labels(3), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images.gz"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("images.gz")
                .hasMessageMatching("(?s).*(damaged gzip|truncated|magic number).*");
    }

    @Test
    void gzSuffixWithoutGzipContentIsAnError() {
        write(dataDir.resolve("images.gz"), "<html>not found</html>".getBytes(), false);
        write(dataDir.resolve("labels"), labels(3), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images.gz"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("images.gz: named .gz but does not hold gzip data");
    }

    @Test
    void swappedFilesFailOnMagicNumber() {
        write(dataDir.resolve("images"), images(3), false);
        write(dataDir.resolve("labels"), labels(3), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("labels"), dataDir.resolve("images")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(dataDir.resolve("labels").toString())
                .hasMessageContaining("magic number 0x00000801, expected 0x00000803");
    }

    @Test
    void wrongFileKindFailsOnMagicNumber() {
        write(dataDir.resolve("images"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, false);
        write(dataDir.resolve("labels"), labels(3), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("not IDX unsigned bytes");
    }

    @Test
    void emptyFileIsTruncated() {
        write(dataDir.resolve("images"), new byte[0], false);
        write(dataDir.resolve("labels"), labels(3), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("truncated: the file ends inside the magic number");
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        write(dataDir.resolve("images"), images(3), false);
        write(dataDir.resolve("labels"), labels(2), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining(dataDir.resolve("labels") + ": holds 2 labels, but "
                        + dataDir.resolve("images") + " holds 3 images");
    }

    @Test
    void labelsOutsideTheClassesAreRejected() {
        write(dataDir.resolve("images"), images(3), false);
        write(dataDir.resolve("labels"), idx(IdxFile.LABELS_MAGIC, new int[] {3}, new byte[] {1, 10, 2}), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("label 10 of example 1 is outside 0..9");
    }

    @Test
    void dataBeyondTheDeclaredSizesIsRejected() {
        byte[] full = images(3);
        write(dataDir.resolve("images"), Arrays.copyOf(full, full.length + 784), false);
        write(dataDir.resolve("labels"), labels(3), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("more data follows");
    }

    @Test
    void imagesMustBe28By28() {
        write(dataDir.resolve("images"), idx(IdxFile.IMAGES_MAGIC, new int[] {2, 27, 29}, new byte[2 * 27 * 29]), false);
        write(dataDir.resolve("labels"), labels(2), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("holds 27×29 images, expected 28×28");
    }

    @Test
    void aHeaderDeclaringGigabytesOfMissingDataFailsWithoutAllocatingThem() throws Exception {
        write(dataDir.resolve("images"), idx(IdxFile.IMAGES_MAGIC, new int[] {2_000_000, 28, 28}, new byte[784]), false);
        write(dataDir.resolve("labels"), labels(1), false);

        assertThatThrownBy(() -> MnistFormat.read(dataDir.resolve("images"), dataDir.resolve("labels")))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("truncated");
        assertThat(Files.size(dataDir.resolve("images"))).isEqualTo(16 + 784);
    }
}
