package io.robustlab.core.evaluation;

import java.util.List;

/**
 * Accuracy under each corruption at each severity, in the spec's order (corruption-major), and their mean.
 *
 * @param rows         one per (corruption, severity)
 * @param meanAccuracy the mean of the rows' accuracies
 */
public record CorruptionTable(List<CorruptionRow> rows, double meanAccuracy) {
}
