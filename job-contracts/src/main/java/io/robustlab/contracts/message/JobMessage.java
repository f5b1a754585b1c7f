package io.robustlab.contracts.message;

import io.robustlab.contracts.spec.JobSpec;

/**
 * One job for a worker: the spec to run and which attempt this is.
 *
 * @param schemaVersion {@link MessageCodec#SCHEMA_VERSION}; a worker rejects a version it does not know
 * @param jobId         the job's id
 * @param attempt       1 for the first dispatch; the API dispatches again, with attempt + 1, when a job's worker
 *                      stopped heartbeating
 * @param spec          the spec, defaults filled in
 * @param modelArtifact for an Evaluate spec that names a train job: the artifact store key prefix of that job's
 *                      model folder (the artifacts it reported under {@link #MODEL_FOLDER}), which the API resolved
 *                      before dispatching; null otherwise
 */
public record JobMessage(int schemaVersion, String jobId, int attempt, JobSpec spec, String modelArtifact) {

    /**
     * A Train job reports its saved model as artifacts named {@code model/…} (the files of the model folder); the
     * key of {@code model/model.json} without its file name is the folder's key prefix.
     */
    public static final String MODEL_FOLDER = "model/";

    /** The model folder's description file: its key locates the folder. */
    public static final String MODEL_DESCRIPTION = MODEL_FOLDER + "model.json";

    public JobMessage(String jobId, int attempt, JobSpec spec, String modelArtifact) {
        this(MessageCodec.SCHEMA_VERSION, jobId, attempt, spec, modelArtifact);
    }

    public String kind() {
        return spec.kind();
    }
}
