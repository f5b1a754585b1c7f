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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints in one folder, named by their {@link CheckpointPosition}: {@code epoch-0003/} after epoch 3, and
 * {@code epoch-0004-batch-000120/} when a run was suspended in epoch 4 after 120 batches. Each holds
 * {@code parameters.ndlist} and {@code optimizer.ndlist} (DJL's NDList encoding, arrays named) and
 * {@code checkpoint.json} (epoch, spec fingerprint, optimizer scalars, metrics so far, the partial epoch's sums).
 * A checkpoint is written to a hidden temporary folder and renamed into place, so a crash never leaves a
 * half-written one. The newest {@value #KEPT} end-of-epoch checkpoints are kept, and a mid-epoch one only until a
 * newer checkpoint is written.
 */
public final class CheckpointStore {

    static final int KEPT = 2;
    static final int FORMAT_VERSION = 2;
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

    /**
     * What {@code checkpoint.json} holds. Version 1 (before mid-epoch checkpoints) has no {@code partial}: it reads
     * as null, an end-of-epoch checkpoint.
     */
    record Info(int formatVersion, int epoch, String specFingerprint, Map<String, Double> optimizerScalars,
            List<EpochMetrics> history, PartialEpoch partial) {
    }

    /** The folder of the newest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> positionOf(p).isPresent())
                    .filter(p -> Files.exists(p.resolve("checkpoint.json")))
                    .max(Comparator.comparing(p -> positionOf(p).orElseThrow()));
        }
    }

    void save(Checkpoint checkpoint) throws IOException {
        Files.createDirectories(folder);
        String name = checkpoint.position().folderName();
        Path temporary = Files.createTempDirectory(folder, "." + name + "-");
        write(temporary.resolve("parameters.ndlist"), checkpoint.parameters());
        write(temporary.resolve("optimizer.ndlist"), checkpoint.optimizer().arrays());
        JSON.writeValue(temporary.resolve("checkpoint.json").toFile(), new Info(FORMAT_VERSION, checkpoint.epoch(),
                checkpoint.specFingerprint(), checkpoint.optimizer().scalars(), checkpoint.history(),
                checkpoint.partial().batches() == 0 ? null : checkpoint.partial()));
        Path target = folder.resolve(name);
        if (Files.exists(target)) {
            deleteRecursively(target);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        }
        prune(checkpoint.position());
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
                new Optimizer.State(read(dir.resolve("optimizer.ndlist"), manager), info.optimizerScalars()),
                info.partial() == null ? PartialEpoch.NONE : info.partial()));
    }

    /**
     * Whether a checkpoint at {@code old} can go once one at {@code newest} is written: a mid-epoch checkpoint as
     * soon as anything newer exists, an end-of-epoch one when {@value #KEPT} newer epochs are finished.
     */
    public static boolean superseded(CheckpointPosition old, CheckpointPosition newest) {
        if (old.compareTo(newest) >= 0) {
            return false;
        }
        return old.partial() || old.epochs() <= newest.epochs() - KEPT;
    }

    /** Deletes the checkpoints the one at {@code newest} supersedes and temporary folders left by a crash. */
    private void prune(CheckpointPosition newest) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path old : entries.filter(p -> isTemporary(p)
                    || positionOf(p).map(position -> superseded(position, newest)).orElse(false)).toList()) {
                deleteRecursively(old);
            }
        }
    }

    private static boolean isTemporary(Path path) {
        return path.getFileName().toString().startsWith(".epoch-");
    }

    private static Optional<CheckpointPosition> positionOf(Path checkpoint) {
        return CheckpointPosition.parse(checkpoint.getFileName().toString());
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
