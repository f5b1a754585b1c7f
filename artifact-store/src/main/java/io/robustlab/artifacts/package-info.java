/**
 * Where jobs keep their files: models, checkpoints, result JSON, example images. One interface,
 * {@link io.robustlab.artifacts.ArtifactStore}, with a filesystem store (standalone mode, tests) and an S3 store
 * (MinIO, AWS). Keys are relative paths, by convention {@code jobs/{jobId}/attempt-{n}/…}.
 */
package io.robustlab.artifacts;
