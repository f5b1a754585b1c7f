package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UstarArchiveTest {

    @TempDir
    Path target;

    @ParameterizedTest(name = "posix={0}")
    @ValueSource(booleans = {true, false})
    void extractsRegularFilesWithTheirContent(boolean posix) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("folder/a.bin", new byte[] {1, 2, 3});
        entries.put("folder/empty", new byte[0]);
        entries.put("folder/big.bin", new byte[1300]);
        entries.get("folder/big.bin")[1299] = 42;

        var written = UstarArchive.extract(new ByteArrayInputStream(TestDataFiles.tar(entries, posix)), target, "t.tar");

        assertThat(written).hasSize(3);
        assertThat(Files.readAllBytes(target.resolve("folder/a.bin"))).containsExactly(1, 2, 3);
        assertThat(Files.size(target.resolve("folder/empty"))).isZero();
        assertThat(Files.readAllBytes(target.resolve("folder/big.bin"))).isEqualTo(entries.get("folder/big.bin"));
    }

    /** Archives written by GNU tar 1.35: a directory, a 156-character path, a file over one block, a symlink. */
    @ParameterizedTest
    @ValueSource(strings = {"gnu-format.tar.gz", "ustar-format.tar.gz"})
    void readsArchivesWrittenByGnuTar(String resource) throws Exception {
        String longPath = "cifar-10-batches-bin/" + "d".repeat(60) + "/" + "f".repeat(70) + ".txt";
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/data/" + resource))) {
            UstarArchive.extract(in, target, resource);
        }

        assertThat(Files.readString(target.resolve("cifar-10-batches-bin/a.bin"))).isEqualTo("hello");
        assertThat(Files.readString(target.resolve("cifar-10-batches-bin/b.bin"))).isEqualTo("z".repeat(1300));
        assertThat(Files.readString(target.resolve(longPath))).isEqualTo("deep file");
        assertThat(target.resolve("cifar-10-batches-bin/link")).as("links are not followed or created").doesNotExist();
    }

    @Test
    void entriesOutsideTheTargetAreRefused() {
        byte[] tar = TestDataFiles.tar(Map.of("../escape", new byte[1]), true);

        assertThatThrownBy(() -> UstarArchive.extract(new ByteArrayInputStream(tar), target, "t.tar"))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("'../escape' points outside");
        assertThat(target.getParent().resolve("escape")).doesNotExist();
    }

    @Test
    void aDamagedHeaderFailsItsChecksum() {
        byte[] tar = TestDataFiles.tar(Map.of("a", new byte[1]), true);
        tar[3] = 'x';

        assertThatThrownBy(() -> UstarArchive.extract(new ByteArrayInputStream(tar), target, "t.tar"))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("t.tar: damaged tar header");
    }

    @Test
    void aTruncatedArchiveIsReported() {
        byte[] tar = TestDataFiles.tar(Map.of("a", new byte[2000]), true);

        assertThatThrownBy(() -> UstarArchive.extract(new ByteArrayInputStream(Arrays.copyOf(tar, 1000)), target, "t.tar"))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("truncated tar archive");
    }
}
