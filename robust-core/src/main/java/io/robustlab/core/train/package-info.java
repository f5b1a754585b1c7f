/**
 * The training engine: {@link io.robustlab.core.train.TrainingRun} runs a {@code TrainSpec} on a {@code Dataset}
 * with per-epoch metrics, checkpoints and resume, standard or adversarial training, and saves the final model.
 */
package io.robustlab.core.train;
