package io.robustlab.contracts.spec;

/**
 * The learning rate as a function of the epoch.
 *
 * @param name             {@code constant}, {@code step} (multiply by gamma every stepEpochs) or
 *                         {@code cosine} (from the initial rate down to minLearningRate over all epochs)
 * @param stepEpochs       step only
 * @param gamma            step only: the factor applied every stepEpochs
 * @param minLearningRate  cosine only: the rate reached at the last epoch
 */
public record LearningRateSchedule(String name, Integer stepEpochs, Double gamma, Double minLearningRate) {
}
