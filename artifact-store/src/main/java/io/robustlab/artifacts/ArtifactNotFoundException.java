package io.robustlab.artifacts;

import java.io.FileNotFoundException;

/** Nothing is stored under a key. */
public class ArtifactNotFoundException extends FileNotFoundException {

    public ArtifactNotFoundException(String key) {
        super("no artifact under " + key);
    }
}
