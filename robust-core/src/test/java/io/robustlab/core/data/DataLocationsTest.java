package io.robustlab.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DataLocationsTest {

    private static Properties properties(String... keyValues) {
        var properties = new Properties();
        properties.setProperty("user.home", "/home/researcher");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void environmentVariableWinsOverSystemProperty() {
        var locations = DataLocations.from(Map.of("ROBUSTLAB_DATA_DIR", "/srv/data"),
                properties("robustlab.data.dir", "/opt/data"));

        assertThat(locations.dataDirectory()).isEqualTo(Path.of("/srv/data"));
    }

    @Test
    void systemPropertyIsUsedWithoutTheVariable() {
        var locations = DataLocations.from(Map.of(), properties("robustlab.data.dir", "/opt/data"));

        assertThat(locations.dataDirectory()).isEqualTo(Path.of("/opt/data"));
    }

    @Test
    void defaultsToAFolderInTheHomeDirectoryTheDebianFolderAndNoDownloads() {
        var locations = DataLocations.from(Map.of(), properties());

        assertThat(locations.dataDirectory()).isEqualTo(Path.of("/home/researcher/.robustlab/data"));
        assertThat(locations.systemDirectories()).containsExactly(Path.of("/usr/share/datasets"));
        assertThat(locations.downloadsEnabled()).isFalse();
        assertThat(locations.downloadSources()).containsOnlyKeys("mnist", "fashion-mnist", "cifar10");
    }

    @Test
    void downloadsAreEnabledOnlyByTrue() {
        assertThat(DataLocations.from(Map.of("ROBUSTLAB_DATA_DOWNLOAD", "true"), properties()).downloadsEnabled()).isTrue();
        assertThat(DataLocations.from(Map.of("ROBUSTLAB_DATA_DOWNLOAD", "TRUE"), properties()).downloadsEnabled()).isTrue();
        assertThat(DataLocations.from(Map.of("ROBUSTLAB_DATA_DOWNLOAD", "yes"), properties()).downloadsEnabled()).isFalse();
    }

    @Test
    void foldersAreSearchedDataDirectoryFirst() {
        var locations = DataLocations.from(Map.of("ROBUSTLAB_DATA_DIR", "/srv/data"), properties());

        assertThat(locations.foldersFor("fashion-mnist", ""))
                .containsExactly(Path.of("/srv/data/fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist"));
    }

    @Test
    void officialChecksumsCoverEveryFileDownloaded() {
        assertThat(DownloadSource.official().get("mnist").sha256ByFile()).containsOnlyKeys(
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(DownloadSource.official().get("fashion-mnist").sha256ByFile()).hasSize(4);
        assertThat(DownloadSource.official().get("cifar10").uriOf("cifar-10-binary.tar.gz"))
                .hasToString("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        DownloadSource.official().values().forEach(source -> source.sha256ByFile().values()
                .forEach(sha256 -> assertThat(sha256).matches("[0-9a-f]{64}")));
    }
}
