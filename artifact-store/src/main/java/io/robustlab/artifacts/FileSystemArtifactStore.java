package io.robustlab.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Files under a root directory, one file per key. A put writes a temporary file in the root's {@code .incoming}
 * directory, forces it to disk and renames it into place, so a crash leaves the old file or the new one.
 */
public final class FileSystemArtifactStore implements ArtifactStore {

    private static final String INCOMING = ".incoming";

    private final Path root;

    public FileSystemArtifactStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root.resolve(INCOMING));
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredArtifact put(String key, Path file, String contentType) throws IOException {
        Path target = path(key);
        Path temporary = root.resolve(INCOMING).resolve(UUID.randomUUID() + ".part");
        MessageDigest digest = Sha256.digest();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
                FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            size = in.transferTo(out);
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("the artifact root " + root + " does not support atomic renames", e);
        }
        return new StoredArtifact(key, size, Sha256.hex(digest));
    }

    @Override
    public InputStream open(String key, long offset) throws IOException {
        try {
            FileChannel channel = FileChannel.open(inside(path(key)), StandardOpenOption.READ);
            channel.position(offset);
            return Channels.newInputStream(channel);
        } catch (NoSuchFileException e) {
            throw new ArtifactNotFoundException(key);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path path = path(key);
        return Files.isRegularFile(path) ? Optional.of(Files.size(inside(path))) : Optional.empty();
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        ArtifactKeys.checkPrefix(prefix);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .filter(key -> !key.startsWith(INCOMING + "/") && key.startsWith(prefix))
                    .sorted().toList();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = path(key);
        Files.deleteIfExists(path);
        // Empty directories left behind would pile up, one per job attempt.
        for (Path dir = path.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** The file itself, refused when a symbolic link on its way leads out of the root. */
    private Path inside(Path path) throws IOException {
        Path real = path.toRealPath();
        if (!real.startsWith(root.toRealPath())) {
            throw new IllegalArgumentException(root.relativize(path) + " leads out of the store's root");
        }
        return real;
    }

    private Path path(String key) {
        Path path = root.resolve(ArtifactKeys.check(key)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("key " + key + " leaves the store's root");
        }
        return path;
    }
}
