package io.robustlab.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where dataset files are looked for, in order, and whether missing ones may be downloaded.
 *
 * <p>A dataset named {@code n} is looked for in {@code <dataDirectory>/n/}, then in
 * {@code <systemDirectory>/n/} for each system directory. Downloads (only when enabled) go into
 * {@code <dataDirectory>/n/}.
 *
 * @param dataDirectory     the data directory, written to by downloads
 * @param systemDirectories read-only folders searched after the data directory, e.g. {@code /usr/share/datasets}
 * @param downloadsEnabled  whether a missing dataset is downloaded from {@code downloadSources}
 * @param downloadSources   download locations and checksums by dataset folder name ({@code mnist},
 *                          {@code fashion-mnist}, {@code cifar10})
 */
public record DataLocations(
        Path dataDirectory,
        List<Path> systemDirectories,
        boolean downloadsEnabled,
        Map<String, DownloadSource> downloadSources) {

    public static final String DATA_DIR_VARIABLE = "ROBUSTLAB_DATA_DIR";
    public static final String DATA_DIR_PROPERTY = "robustlab.data.dir";
    public static final String DOWNLOAD_VARIABLE = "ROBUSTLAB_DATA_DOWNLOAD";

    /** Where Debian's {@code dataset-*} packages install datasets. */
    public static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/usr/share/datasets"));

    public DataLocations {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        systemDirectories = List.copyOf(systemDirectories);
        downloadSources = Map.copyOf(downloadSources);
    }

    /**
     * The data directory from {@code ROBUSTLAB_DATA_DIR}, else the system property {@code robustlab.data.dir},
     * else {@code ~/.robustlab/data}; then {@code /usr/share/datasets}; downloads from the official locations
     * only when {@code ROBUSTLAB_DATA_DOWNLOAD=true}.
     */
    public static DataLocations fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /** Only {@code dataDirectory}: no system directories, no downloads. */
    public static DataLocations only(Path dataDirectory) {
        return new DataLocations(dataDirectory, List.of(), false, DownloadSource.official());
    }

    static DataLocations from(Map<String, String> environment, Properties properties) {
        String configured = environment.get(DATA_DIR_VARIABLE);
        if (configured == null || configured.isBlank()) {
            configured = properties.getProperty(DATA_DIR_PROPERTY);
        }
        Path dataDirectory = configured == null || configured.isBlank()
                ? Path.of(properties.getProperty("user.home"), ".robustlab", "data")
                : Path.of(configured);
        boolean downloads = Boolean.parseBoolean(environment.getOrDefault(DOWNLOAD_VARIABLE, "false").trim());
        return new DataLocations(dataDirectory, SYSTEM_DIRECTORIES, downloads, DownloadSource.official());
    }

    /** These locations, downloading (or not) from the given sources. */
    public DataLocations withDownloads(boolean enabled, Map<String, DownloadSource> sources) {
        return new DataLocations(dataDirectory, systemDirectories, enabled, sources);
    }

    /** The folders searched for a dataset, in order: the data directory's first. */
    List<Path> foldersFor(String dataset, String subfolder) {
        List<Path> folders = new ArrayList<>();
        folders.add(dataDirectory.resolve(dataset).resolve(subfolder));
        for (Path system : systemDirectories) {
            folders.add(system.resolve(dataset).resolve(subfolder));
        }
        return folders;
    }
}
