/**
 * The trainer worker: consumes train jobs and runs robust-core training with checkpoints in the artifact store. Filled in by the workers issue.
 */
package io.robustlab.trainer;
