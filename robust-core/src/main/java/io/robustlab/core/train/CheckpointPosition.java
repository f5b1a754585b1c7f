package io.robustlab.core.train;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a checkpoint stands: after {@code epochs} finished epochs and {@code batches} batches of the next one
 * (0 for the checkpoint written at the end of an epoch). Positions order checkpoints from oldest to newest.
 *
 * <p>A checkpoint's folder is named by its position: {@code epoch-0003} after epoch 3, and
 * {@code epoch-0004-batch-000120} in epoch 4 after its first 120 batches (written when a run is suspended).
 */
public record CheckpointPosition(int epochs, int batches) implements Comparable<CheckpointPosition> {

    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})(?:-batch-(\\d{6,}))?");

    public CheckpointPosition {
        if (epochs < 0 || batches < 0 || epochs == 0 && batches == 0) {
            throw new IllegalArgumentException("no checkpoint stands at " + epochs + " epochs and " + batches
                    + " batches");
        }
    }

    /** The position a checkpoint folder's name gives, or empty when the name is not a checkpoint's. */
    public static Optional<CheckpointPosition> parse(String folderName) {
        Matcher matcher = NAME.matcher(folderName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int epoch = Integer.parseInt(matcher.group(1));
        if (matcher.group(2) == null) {
            return epoch == 0 ? Optional.empty() : Optional.of(new CheckpointPosition(epoch, 0));
        }
        int batches = Integer.parseInt(matcher.group(2));
        return epoch == 0 || batches == 0 ? Optional.empty() : Optional.of(new CheckpointPosition(epoch - 1, batches));
    }

    public String folderName() {
        return partial() ? String.format(Locale.ROOT, "epoch-%04d-batch-%06d", epochs + 1, batches)
                : String.format(Locale.ROOT, "epoch-%04d", epochs);
    }

    /** Whether it was written in the middle of an epoch. */
    public boolean partial() {
        return batches > 0;
    }

    /** E.g. "after epoch 3" or "in epoch 4 after 120 batches". */
    public String describe() {
        return partial() ? "in epoch " + (epochs + 1) + " after " + batches + " batches" : "after epoch " + epochs;
    }

    @Override
    public int compareTo(CheckpointPosition other) {
        int byEpochs = Integer.compare(epochs, other.epochs);
        return byEpochs != 0 ? byEpochs : Integer.compare(batches, other.batches);
    }
}
