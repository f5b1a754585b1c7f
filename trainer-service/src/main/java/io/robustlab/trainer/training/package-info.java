/**
 * Training jobs: run a {@code Train} spec with checkpoints kept in the artifact store, resume from the newest one,
 * and store the model folder and its model card.
 */
package io.robustlab.trainer.training;
