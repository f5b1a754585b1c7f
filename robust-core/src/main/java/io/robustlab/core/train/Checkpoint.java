package io.robustlab.core.train;

import ai.djl.ndarray.NDList;

import java.util.List;

/**
 * The state of a run after a finished epoch, or part-way through the next one: enough to continue exactly where it
 * stopped. The random streams need no state of their own: they are derived from the seed, the epoch and the batch
 * (see {@link RandomStreams}).
 *
 * @param epoch           the number of finished epochs
 * @param specFingerprint identifies the spec and data the run was started with; a resume must match it
 * @param history         metrics of epochs 1…epoch
 * @param parameters      parameter values, named {@code layers.<index>.weight|bias}
 * @param optimizer       optimizer state
 * @param partial         what epoch {@code epoch + 1} had done when the run was suspended;
 *                        {@link PartialEpoch#NONE} at the end of an epoch
 */
record Checkpoint(int epoch, String specFingerprint, List<EpochMetrics> history, NDList parameters,
        Optimizer.State optimizer, PartialEpoch partial) {

    CheckpointPosition position() {
        return new CheckpointPosition(epoch, partial.batches());
    }
}
