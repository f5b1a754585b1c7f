package io.robustlab.core.evaluation;

/** The accuracy on the samples after one corruption at one severity. */
public record CorruptionRow(String corruption, int severity, double accuracy) {
}
