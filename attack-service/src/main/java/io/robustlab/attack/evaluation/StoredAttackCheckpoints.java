package io.robustlab.attack.evaluation;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.AttemptFiles;
import io.robustlab.contracts.spec.AttackSpec;
import io.robustlab.core.evaluation.AttackCheckpointFolder;
import io.robustlab.core.evaluation.AttackCheckpoints;
import io.robustlab.core.evaluation.AttackOutcome;
import io.robustlab.worker.job.JobContext;
import io.robustlab.worker.job.JobFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's finished attacks in the artifact store, so that a run stopped by a shutdown (or killed) does not run them
 * again: {@code jobs/{id}/attempt-{n}/evaluation/attack-00.json} is robust-core's checkpoint of the spec's first
 * attack ({@link AttackCheckpointFolder}), stored as soon as the attack finishes, and {@code attack-00.gallery.json}
 * the samples the gallery kept for it ({@link AdversarialGallery.Kept}), stored before it, so a stored checkpoint
 * has its gallery. Every run restores them first, from any attempt; for each attack the newest attempt's wins.
 */
final class StoredAttackCheckpoints implements AttackCheckpoints {

    static final String FOLDER = "evaluation/";
    static final String GALLERY_SUFFIX = ".gallery.json";
    private static final Pattern CHECKPOINT = Pattern.compile("attack-\\d{2,}\\.json");
    private static final Logger log = LoggerFactory.getLogger(StoredAttackCheckpoints.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<AdversarialGallery.Kept>> KEPT = new TypeReference<>() {
    };

    private final JobContext context;
    private final ArtifactStore store;
    private final AttackCheckpointFolder local;
    private final AdversarialGallery gallery;

    StoredAttackCheckpoints(JobContext context, Path localFolder, AdversarialGallery gallery) {
        this.context = context;
        this.store = context.store();
        this.local = new AttackCheckpointFolder(localFolder);
        this.gallery = gallery;
    }

    /**
     * Copies the job's stored attack checkpoints (with their gallery samples) into the local folder.
     *
     * @return how many attacks are finished
     */
    int restore() throws IOException {
        List<AttemptFiles.Stored> checkpoints = AttemptFiles.newest(store, context.message().jobId(), FOLDER)
                .values().stream().filter(file -> CHECKPOINT.matcher(file.name()).matches()).toList();
        Files.createDirectories(local.folder());
        for (AttemptFiles.Stored checkpoint : checkpoints) {
            String name = checkpoint.name();
            String prefix = checkpoint.attemptFolder(); // its gallery samples from the same attempt
            String galleryName = galleryName(name);
            if (store.size(prefix + galleryName).isPresent()) {
                copy(prefix + galleryName, local.folder().resolve(galleryName));
            }
            copy(prefix + name, local.folder().resolve(name)); // last: robust-core reads it only once complete
        }
        return checkpoints.size();
    }

    @Override
    public Optional<AttackOutcome> finished(String evaluation, int index, AttackSpec attack) {
        Optional<AttackOutcome> kept;
        try {
            kept = local.finished(evaluation, index, attack);
        } catch (IllegalStateException e) {
            throw new JobFailure("the stored progress of this job does not fit its evaluation: " + e.getMessage(),
                    false, e);
        }
        kept.ifPresent(outcome -> gallery.restore(outcome.curve().label(), galleryOf(index)));
        return kept;
    }

    @Override
    public void attackFinished(String evaluation, int index, AttackSpec attack, AttackOutcome outcome) {
        local.attackFinished(evaluation, index, attack, outcome);
        String name = AttackCheckpointFolder.fileName(index);
        Path galleryFile = local.folder().resolve(galleryName(name));
        try {
            JSON.writeValue(galleryFile.toFile(), gallery.kept(outcome.curve().label()));
            context.upload(FOLDER + galleryName(name), galleryFile, "application/json");
            context.upload(FOLDER + name, local.folder().resolve(name), "application/json");
        } catch (IOException | RuntimeException e) {
            // The evaluation goes on; only a run that resumes it would have to run this attack again.
            log.warn("job {}: the checkpoint of attack {} ({}) could not be stored: {}", context.message().jobId(),
                    index, outcome.curve().label(), e.getMessage());
        }
    }

    private List<AdversarialGallery.Kept> galleryOf(int index) {
        Path file = local.folder().resolve(galleryName(AttackCheckpointFolder.fileName(index)));
        if (!Files.exists(file)) {
            // Stored before its checkpoint, so only missing when someone deleted it: the gallery shows none.
            log.warn("job {}: attack {} is resumed without its gallery samples", context.message().jobId(), index);
            return List.of();
        }
        return JSON.readValue(file.toFile(), KEPT);
    }

    private static String galleryName(String checkpointName) {
        return checkpointName.replaceFirst("\\.json$", GALLERY_SUFFIX);
    }

    private void copy(String key, Path target) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".download");
        try (InputStream in = store.open(key)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
