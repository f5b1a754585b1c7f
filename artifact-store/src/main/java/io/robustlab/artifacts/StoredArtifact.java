package io.robustlab.artifacts;

/**
 * A file as stored.
 *
 * @param key       its key
 * @param sizeBytes its size
 * @param sha256    lowercase hex SHA-256 of its bytes
 */
public record StoredArtifact(String key, long sizeBytes, String sha256) {
}
