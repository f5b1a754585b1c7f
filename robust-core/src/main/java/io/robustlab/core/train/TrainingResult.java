package io.robustlab.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished run returns.
 *
 * @param epochs           the metrics of every epoch, first to last (those before a resume included)
 * @param parameterCount   number of trainable scalars
 * @param modelFolder      the saved model (see {@code SavedModel}): DJL parameters, weights.npz, model.json
 * @param checkpointFolder where the per-epoch checkpoints are
 */
public record TrainingResult(List<EpochMetrics> epochs, long parameterCount, Path modelFolder, Path checkpointFolder) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    public EpochMetrics lastEpoch() {
        return epochs.getLast();
    }
}
