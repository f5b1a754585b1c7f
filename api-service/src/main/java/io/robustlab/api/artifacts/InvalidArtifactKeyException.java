package io.robustlab.api.artifacts;

/** An artifact store key that is not a plain relative path inside the store, e.g. {@code ../../etc/passwd}. */
public class InvalidArtifactKeyException extends IllegalArgumentException {

    InvalidArtifactKeyException(String key, String why) {
        super("artifact key '" + key + "' " + why);
    }
}
