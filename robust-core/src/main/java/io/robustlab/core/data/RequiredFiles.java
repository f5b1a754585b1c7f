package io.robustlab.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files one dataset needs, and how they are found: the first folder searched that holds all of
 * them wins, so a dataset is never assembled from files of different origins.
 *
 * @param dataset      the dataset folder name, e.g. {@code fashion-mnist}
 * @param subfolder    the folder inside it that holds the files ({@code ""} for none)
 * @param names        the file names
 * @param gzipAccepted whether {@code name.gz} stands in for {@code name}
 * @param note         a sentence added to the not-found message ({@code ""} for none)
 */
record RequiredFiles(String dataset, String subfolder, List<String> names, boolean gzipAccepted, String note) {

    private static final Logger log = LoggerFactory.getLogger(RequiredFiles.class);

    /** Puts the missing files into the folder, from the source; throws if it cannot. */
    interface Fetch {
        void into(Path folder, List<String> missing, DownloadSource source);
    }

    RequiredFiles {
        names = List.copyOf(names);
    }

    /** The files, in the order of {@link #names()}, from the first folder holding all of them; else fetched. */
    List<Path> locate(DataLocations locations, Fetch fetch) {
        List<Path> folders = locations.foldersFor(dataset, subfolder);
        for (Path folder : folders) {
            Optional<List<Path>> found = findIn(folder);
            if (found.isPresent()) {
                log.info("Loading {} from {}", dataset, folder);
                return found.get();
            }
        }
        DownloadSource source = locations.downloadSources().get(dataset);
        if (!locations.downloadsEnabled() || source == null) {
            throw notFound(locations, folders, source);
        }
        Path target = folders.getFirst();
        List<String> missing = missingIn(target);
        log.info("Downloading {} {} from {} into {}", dataset, missing, source.baseUri(), target);
        fetch.into(target, missing, source);
        return findIn(target).orElseThrow(() -> new IllegalStateException(
                "after downloading " + dataset + ", " + target + " still lacks " + missingIn(target)));
    }

    Optional<List<Path>> findIn(Path folder) {
        List<Path> found = new ArrayList<>();
        for (String name : names) {
            Optional<Path> file = resolve(folder, name);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            found.add(file.get());
        }
        return Optional.of(found);
    }

    List<String> missingIn(Path folder) {
        return names.stream().filter(name -> resolve(folder, name).isEmpty()).toList();
    }

    private Optional<Path> resolve(Path folder, String name) {
        Path plain = folder.resolve(name);
        if (Files.isRegularFile(plain)) {
            return Optional.of(plain);
        }
        Path gzipped = folder.resolve(name + ".gz");
        return gzipAccepted && Files.isRegularFile(gzipped) ? Optional.of(gzipped) : Optional.empty();
    }

    private DatasetNotFoundException notFound(DataLocations locations, List<Path> folders, DownloadSource source) {
        String suffix = gzipAccepted ? "[.gz]" : "";
        var message = new StringBuilder("Dataset '").append(dataset).append("' was not found. It needs these files")
                .append(gzipAccepted ? " (each may be gzipped, with the suffix .gz)" : "").append(":\n  ")
                .append(String.join(", ", names.stream().map(name -> name + suffix).toList()))
                .append("\nSearched, in order:");
        for (Path folder : folders) {
            message.append("\n  ").append(folder).append(Files.isDirectory(folder)
                    ? " (lacks " + String.join(", ", missingIn(folder)) + ")"
                    : " (no such directory)");
        }
        message.append("\nPut them in ").append(folders.getFirst())
                .append(" (the data directory is set by ").append(DataLocations.DATA_DIR_VARIABLE).append(")");
        if (!note.isEmpty()) {
            message.append(". ").append(note);
        }
        if (source == null) {
            message.append("; no download location is configured for ").append(dataset).append('.');
        } else if (!locations.downloadsEnabled()) {
            message.append(", or set ").append(DataLocations.DOWNLOAD_VARIABLE)
                    .append("=true to download ").append(String.join(", ", source.sha256ByFile().keySet()))
                    .append(" from ").append(source.baseUri()).append('.');
        }
        return new DatasetNotFoundException(dataset, message.toString());
    }
}
