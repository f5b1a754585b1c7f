package io.robustlab.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Per-epoch checkpoints in one folder, {@code epoch-0003/} after epoch 3, each holding
 * {@code parameters.ndlist} and {@code optimizer.ndlist} (DJL's NDList encoding, arrays named) and
 * {@code checkpoint.json} (epoch, spec fingerprint, optimizer scalars, metrics so far). A checkpoint is written
 * to a hidden temporary folder and renamed into place, so a crash never leaves a half-written one; the newest
 * {@value #KEPT} are kept.
 */
public final class CheckpointStore {

    static final int KEPT = 2;
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** How {@link NDList#encode} writes an empty list. */
    private static final byte[] EMPTY_LIST = {0, 0, 0, 0};

    private final Path folder;

    public CheckpointStore(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** What {@code checkpoint.json} holds. */
    record Info(int formatVersion, int epoch, String specFingerprint, Map<String, Double> optimizerScalars,
            List<EpochMetrics> history) {
    }

    /** The folder of the newest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.exists(p.resolve("checkpoint.json")))
                    .max(Comparator.comparingInt(CheckpointStore::epochOf));
        }
    }

    void save(Checkpoint checkpoint) throws IOException {
        Files.createDirectories(folder);
        String name = String.format(Locale.ROOT, "epoch-%04d", checkpoint.epoch());
        Path temporary = Files.createTempDirectory(folder, "." + name + "-");
        write(temporary.resolve("parameters.ndlist"), checkpoint.parameters());
        write(temporary.resolve("optimizer.ndlist"), checkpoint.optimizer().arrays());
        JSON.writeValue(temporary.resolve("checkpoint.json").toFile(), new Info(1, checkpoint.epoch(),
                checkpoint.specFingerprint(), checkpoint.optimizer().scalars(), checkpoint.history()));
        Path target = folder.resolve(name);
        if (Files.exists(target)) {
            deleteRecursively(target);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        }
        pruneOlderThan(checkpoint.epoch());
    }

    Optional<Checkpoint> loadLatest(NDManager manager) throws IOException {
        Optional<Path> latest = latest();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Path dir = latest.get();
        Info info = JSON.readValue(dir.resolve("checkpoint.json").toFile(), Info.class);
        return Optional.of(new Checkpoint(info.epoch(), info.specFingerprint(), info.history(),
                read(dir.resolve("parameters.ndlist"), manager),
                new Optimizer.State(read(dir.resolve("optimizer.ndlist"), manager), info.optimizerScalars())));
    }

    /** Deletes checkpoints older than the newest {@value #KEPT} and temporary folders left by a crash. */
    private void pruneOlderThan(int epoch) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path old : entries.filter(p -> isTemporary(p) || epochOf(p) >= 0 && epochOf(p) <= epoch - KEPT)
                    .toList()) {
                deleteRecursively(old);
            }
        }
    }

    private static boolean isTemporary(Path path) {
        return path.getFileName().toString().startsWith(".epoch-");
    }

    private static int epochOf(Path checkpoint) {
        var matcher = NAME.matcher(checkpoint.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static void write(Path file, NDList arrays) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            arrays.encode(out);
        }
    }

    private static NDList read(Path file, NDManager manager) throws IOException {
        // DJL's decode reads a 9-byte header first, so it cannot read back the 4 bytes (a count of 0) it encodes
        // an empty list as: the optimizer state of SGD without momentum.
        if (Files.size(file) == EMPTY_LIST.length && Arrays.equals(Files.readAllBytes(file), EMPTY_LIST)) {
            return new NDList();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return NDList.decode(manager, in);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
