package io.robustlab.core.train;

/**
 * What one epoch achieved.
 *
 * @param epoch            counted from 1
 * @param learningRate     the rate used throughout the epoch
 * @param trainLoss        mean loss per training example, on the batches as trained (adversarial examples included)
 * @param trainAccuracy    fraction of those examples classified correctly, measured during the epoch
 * @param testLoss         mean loss per test example after the epoch, on clean inputs
 * @param testAccuracy     fraction of test examples classified correctly after the epoch
 * @param seconds          wall time of the epoch: training pass and test evaluation
 * @param samplesPerSecond training examples per second of the training pass (attack and optimizer step included)
 */
public record EpochMetrics(int epoch, double learningRate, double trainLoss, double trainAccuracy, double testLoss,
        double testAccuracy, double seconds, double samplesPerSecond) {
}
