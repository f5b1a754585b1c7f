package io.robustlab.api.artifacts;

import io.robustlab.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * An artifact as a Spring {@link org.springframework.core.io.Resource}: its length is known without reading it and
 * its stream is opened only when the response is written, so Spring MVC streams it (and serves byte ranges of it)
 * without holding it in memory.
 */
final class ArtifactResource extends AbstractResource {

    private final ArtifactStore store;
    private final String key;
    private final long size;
    private final String filename;

    ArtifactResource(ArtifactStore store, String key, long size, String filename) {
        this.store = store;
        this.key = key;
        this.size = size;
        this.filename = filename;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return store.open(key);
    }

    @Override
    public long contentLength() {
        return size;
    }

    @Override
    public String getFilename() {
        return filename;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getDescription() {
        return "artifact " + key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArtifactResource that && that.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
