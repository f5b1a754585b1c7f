package io.robustlab.api.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The artifact store as a directory tree: a key is a path relative to the root. Keys that would leave the root, by
 * {@code ..}, an absolute path or a symbolic link pointing outside, are refused.
 */
final class FilesystemArtifactStorage implements ArtifactStorage {

    private final Path root;

    FilesystemArtifactStorage(Path root) {
        try {
            this.root = Files.createDirectories(root.toAbsolutePath().normalize()).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact store at " + root, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(existing(key));
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(existing(key));
    }

    @Override
    public boolean delete(String key) throws IOException {
        Path path = resolve(key);
        if (!Files.exists(path.getParent()) || !path.getParent().toRealPath().startsWith(root)) {
            return false;
        }
        boolean deleted = Files.deleteIfExists(path);
        // Remove the directories the job's files leave empty (jobs/<id>/attempt-1/model/…), never the root.
        for (Path dir = path.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root);
                dir = dir.getParent()) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                break;
            }
        }
        return deleted;
    }

    @Override
    public String describe() {
        return "filesystem store at " + root;
    }

    /** The path of a key that exists, after following links: still inside the root. */
    private Path existing(String key) throws IOException {
        Path path = resolve(key);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(key);
        }
        if (!path.toRealPath().startsWith(root)) {
            throw new InvalidArtifactKeyException(key, "leads outside the artifact store through a link");
        }
        return path;
    }

    /** The path of a key, refusing any key that is not a plain relative path. */
    Path resolve(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidArtifactKeyException(String.valueOf(key), "is empty");
        }
        if (key.startsWith("/") || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw new InvalidArtifactKeyException(key, "is not a relative path with / separators");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidArtifactKeyException(key, "has an empty, '.' or '..' segment");
            }
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new InvalidArtifactKeyException(key, "is outside the artifact store");
        }
        return path;
    }
}
