package io.robustlab.core.evaluation;

import io.robustlab.contracts.spec.AttackSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AttackCheckpoints} in one folder: {@code attack-00.json} for the spec's first attack, {@code attack-01.json}
 * for the second, each holding the evaluation's fingerprint, the attack's index and curve label, and its
 * {@link AttackOutcome} (curve with its bitsets, cost). A file is written under a temporary name and renamed into
 * place, so a run killed while writing never leaves half a checkpoint.
 */
public final class AttackCheckpointFolder implements AttackCheckpoints {

    static final int FORMAT_VERSION = 1;
    private static final Pattern NAME = Pattern.compile("attack-(\\d{2,})\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What a checkpoint file holds. */
    record Kept(int formatVersion, String evaluation, int index, String curve, AttackOutcome outcome) {
    }

    private final Path folder;

    public AttackCheckpointFolder(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The name of attack {@code index}'s checkpoint file: {@code attack-00.json}. */
    public static String fileName(int index) {
        return String.format(Locale.ROOT, "attack-%02d.json", index);
    }

    /** The attack index a checkpoint file's name gives, or empty when the name is not a checkpoint's. */
    public static OptionalInt indexOf(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    @Override
    public Optional<AttackOutcome> finished(String evaluation, int index, AttackSpec attack) {
        Path file = folder.resolve(fileName(index));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Kept kept;
        try {
            kept = JSON.readValue(file.toFile(), Kept.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the attack checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (kept.formatVersion() != FORMAT_VERSION || !evaluation.equals(kept.evaluation()) || kept.index() != index
                || !attack.curveLabel().equals(kept.curve()) || kept.outcome() == null
                || !attack.curveLabel().equals(kept.outcome().curve().label())) {
            throw new IllegalStateException("the attack checkpoint " + file + " belongs to another evaluation ("
                    + kept.curve() + " of " + kept.evaluation() + "), not to attack " + index + " ("
                    + attack.curveLabel() + ") of " + evaluation + ": another spec, other samples or other options; "
                    + "delete the folder to start over");
        }
        return Optional.of(kept.outcome());
    }

    @Override
    public void attackFinished(String evaluation, int index, AttackSpec attack, AttackOutcome outcome) {
        Path file = folder.resolve(fileName(index));
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + fileName(index), ".tmp");
            JSON.writeValue(temporary.toFile(), new Kept(FORMAT_VERSION, evaluation, index, attack.curveLabel(),
                    outcome));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the checkpoint of attack " + index + " in " + folder, e);
        }
    }
}
