package io.robustlab.trainer.training;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.AttemptFiles;
import io.robustlab.core.train.CheckpointPosition;
import io.robustlab.core.train.CheckpointStore;
import io.robustlab.core.train.EpochMetrics;
import io.robustlab.worker.job.JobContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's checkpoints in the artifact store, one folder per checkpoint under the attempt that wrote it, named by
 * its {@link CheckpointPosition}: {@code jobs/{id}/attempt-{n}/checkpoints/epoch-0003/} after epoch 3, and
 * {@code …/checkpoints/epoch-0004-batch-000120/} written by a worker shut down in epoch 4 after 120 batches; each
 * holds the files robust-core's checkpoint folder holds. {@code checkpoint.json} is stored last, so a stored
 * checkpoint is complete when its {@code checkpoint.json} is there. Each attempt drops what a newer checkpoint
 * supersedes, as the local folder does ({@link CheckpointStore#superseded}).
 */
final class StoredCheckpoints {

    static final String FOLDER = "checkpoints/";
    private static final String DESCRIPTION = "checkpoint.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<EpochMetrics>> HISTORY = new TypeReference<>() {
    };

    /** A complete checkpoint in the store. */
    record Stored(int attempt, CheckpointPosition position, String prefix) {
    }

    private final JobContext context;
    private final ArtifactStore store;

    StoredCheckpoints(JobContext context) {
        this.context = context;
        this.store = context.store();
    }

    /** The newest complete checkpoint of the job, written by any attempt; the later attempt wins a tie. */
    Optional<Stored> newest() throws IOException {
        String suffix = "/" + DESCRIPTION;
        return AttemptFiles.newest(store, context.message().jobId(), FOLDER).values().stream()
                .filter(file -> file.name().endsWith(suffix))
                .flatMap(file -> {
                    String folder = file.name().substring(0, file.name().length() - suffix.length());
                    return CheckpointPosition.parse(folder).map(position -> new Stored(file.attempt(), position,
                            file.attemptFolder() + folder + "/")).stream();
                })
                .max(Comparator.comparing(Stored::position).thenComparingInt(Stored::attempt));
    }

    /**
     * Puts the newest stored checkpoint into the local checkpoint folder, unless that folder already holds one at
     * least as new (a retry within the same run).
     *
     * @return where training resumes from, if anywhere
     */
    Optional<CheckpointPosition> restore(Path localFolder) throws IOException {
        Optional<CheckpointPosition> local = newestLocal(localFolder);
        Optional<Stored> stored = newest();
        if (stored.isEmpty() || local.isPresent() && local.get().compareTo(stored.get().position()) >= 0) {
            return local;
        }
        Stored newest = stored.get();
        String name = newest.position().folderName();
        Files.createDirectories(localFolder);
        // robust-core ignores folders whose names are not checkpoint names: a half-copied one is never read.
        Path partial = localFolder.resolve("." + name + "-download");
        store.download(newest.prefix(), partial);
        Files.move(partial, localFolder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(newest.position());
    }

    /** Stores a local checkpoint folder under this attempt, description last, and drops this attempt's older ones. */
    void upload(Path checkpoint) throws IOException {
        String name = checkpoint.getFileName().toString();
        List<Path> files;
        try (Stream<Path> listing = Files.list(checkpoint)) {
            files = listing.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().equals(DESCRIPTION))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        }
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            context.upload(FOLDER + name + "/" + fileName, file,
                    fileName.endsWith(".json") ? "application/json" : "application/octet-stream");
        }
        CheckpointPosition uploaded = CheckpointPosition.parse(name)
                .orElseThrow(() -> new IllegalArgumentException("not a checkpoint folder: " + checkpoint));
        String attemptCheckpoints = context.artifactPrefix() + FOLDER;
        for (String key : store.list(attemptCheckpoints)) {
            String folder = key.substring(attemptCheckpoints.length()).split("/", 2)[0];
            if (CheckpointPosition.parse(folder).map(old -> CheckpointStore.superseded(old, uploaded)).orElse(false)) {
                store.delete(key);
            }
        }
    }

    /**
     * The metrics of epochs 1…n that the newest complete checkpoint in the local folder keeps in its
     * {@code checkpoint.json}; empty when there is none.
     */
    static List<EpochMetrics> history(Path localFolder) throws IOException {
        Optional<Path> newest = new CheckpointStore(localFolder).latest();
        if (newest.isEmpty()) {
            return List.of();
        }
        JsonNode description = JSON.readTree(newest.get().resolve(DESCRIPTION).toFile());
        return JSON.convertValue(description.path("history"), HISTORY);
    }

    private static Optional<CheckpointPosition> newestLocal(Path localFolder) throws IOException {
        return new CheckpointStore(localFolder).latest()
                .flatMap(folder -> CheckpointPosition.parse(folder.getFileName().toString()));
    }
}
