package io.robustlab.api.results;

import java.util.List;
import java.util.UUID;

/**
 * The per-epoch numbers of a Train job, by epoch; empty until its first epoch ends.
 *
 * @param jobId  the job
 * @param epochs one per finished epoch, in epoch order
 */
public record TrainingMetrics(UUID jobId, List<Epoch> epochs) {

    /**
     * One epoch. Losses and accuracies are null when the worker did not measure them.
     *
     * @param epoch        1, 2, …
     * @param attempt      the attempt of the job that ran it
     * @param learningRate the learning rate the epoch used
     * @param seconds      how long it took
     */
    public record Epoch(int epoch, int attempt, Double trainLoss, Double trainAccuracy, Double testLoss,
            Double testAccuracy, Double learningRate, double seconds) {
    }
}
