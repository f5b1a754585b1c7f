package io.robustlab.api.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/**
 * Where the bytes of artifacts live, by key: a relative, {@code /}-separated path such as
 * {@code jobs/<jobId>/attempt-1/result.json}. The workers write; the API reads and deletes.
 *
 * <p>Implementations refuse a key that would leave the store ({@code ../x}, {@code /etc/x}) with an
 * {@link InvalidArtifactKeyException}, and report a key that names nothing with a {@link NoSuchFileException}.
 */
public interface ArtifactStorage {

    /** Opens the object for reading from its first byte; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    /** The object's size in bytes. */
    long size(String key) throws IOException;

    /**
     * Deletes the object.
     *
     * @return false when there was nothing to delete
     */
    boolean delete(String key) throws IOException;

    /** Where the store is, for logs. */
    String describe();
}
