/**
 * Artifacts: the files jobs wrote (models, checkpoints, reports), listed from the database and streamed from the
 * artifact store, and removed from the store when their job is deleted.
 */
package io.robustlab.api.artifacts;
