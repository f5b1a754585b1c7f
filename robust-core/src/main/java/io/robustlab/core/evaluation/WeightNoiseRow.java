package io.robustlab.core.evaluation;

/**
 * Accuracy under relative Gaussian weight noise of one level, over its draws.
 *
 * @param sigma        the relative noise level: w ← w + sigma·|w|·N(0,1)
 * @param accuracies   the accuracy of each noisy copy, in draw order
 * @param meanAccuracy their mean
 * @param stdAccuracy  their standard deviation (population, 0 for one draw)
 */
public record WeightNoiseRow(double sigma, double[] accuracies, double meanAccuracy, double stdAccuracy) {
}
