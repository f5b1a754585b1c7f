package io.robustlab.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A store of files under keys. Writes are atomic: a reader sees a whole file or none, never a part. Keys are
 * relative paths of {@code [A-Za-z0-9._=-]} segments separated by {@code /} (see {@link ArtifactKeys}).
 */
public interface ArtifactStore {

    /**
     * Stores a file under a key, replacing what was there, atomically.
     *
     * @return its key, size and SHA-256
     */
    StoredArtifact put(String key, Path file, String contentType) throws IOException;

    /**
     * Opens a stored file for reading from a byte offset; the caller closes the stream.
     *
     * @throws ArtifactNotFoundException when there is nothing under the key
     */
    InputStream open(String key, long offset) throws IOException;

    /** As {@link #open(String, long)} from the start. */
    default InputStream open(String key) throws IOException {
        return open(key, 0);
    }

    /** The size of what is stored under a key, if anything is. */
    Optional<Long> size(String key) throws IOException;

    /** Every key that starts with the prefix, sorted. */
    List<String> list(String prefix) throws IOException;

    /** Removes a key; nothing happens when it does not exist. */
    void delete(String key) throws IOException;

    /** Removes every key that starts with the prefix. */
    default void deletePrefix(String prefix) throws IOException {
        for (String key : list(prefix)) {
            delete(key);
        }
    }

    /**
     * Copies every file under a prefix into a directory, keeping the paths below the prefix (a saved model folder,
     * for example).
     *
     * @return how many files were copied
     */
    default int download(String prefix, Path directory) throws IOException {
        int copied = 0;
        for (String key : list(prefix)) {
            Path target = directory.resolve(key.substring(prefix.length())).normalize();
            if (!target.startsWith(directory)) {
                throw new IOException("key " + key + " would leave " + directory);
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = open(key)) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            copied++;
        }
        return copied;
    }
}
