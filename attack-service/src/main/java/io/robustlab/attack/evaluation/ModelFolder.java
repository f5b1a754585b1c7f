package io.robustlab.attack.evaluation;

import io.robustlab.contracts.message.JobMessage;
import io.robustlab.contracts.spec.EvaluateSpec;
import io.robustlab.contracts.spec.ModelReference;
import io.robustlab.core.model.SavedModel;
import io.robustlab.worker.job.JobContext;
import io.robustlab.worker.job.JobFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the folder of the model an Evaluate job measures and puts it on local disk: the prefix the API resolved
 * for a train job ({@link JobMessage#modelArtifact()}), a stored artifact the spec names, or a folder on this
 * worker's filesystem.
 */
final class ModelFolder {

    private ModelFolder() {
    }

    /** The local folder holding the model, downloaded into the run's work folder when it comes from the store. */
    static Path fetch(JobContext context, EvaluateSpec spec) throws IOException {
        ModelReference model = spec.model();
        if (model.path() != null) {
            Path folder = Path.of(model.path());
            if (!Files.isRegularFile(folder.resolve(SavedModel.DESCRIPTION_FILE))) {
                throw new JobFailure("model not found: " + folder.toAbsolutePath() + " on worker "
                        + context.workerId() + " holds no model.json", false);
            }
            return folder;
        }
        String prefix = prefix(context.message(), model);
        Path folder = context.workDirectory().resolve("model");
        int files = context.store().download(prefix, folder);
        if (files == 0 || !Files.isRegularFile(folder.resolve(SavedModel.DESCRIPTION_FILE))) {
            throw new JobFailure("model not found: the artifact store holds no model.json under " + prefix
                    + (model.trainJob() != null ? " (the model of train job " + model.trainJob() + ")" : ""), false);
        }
        return folder;
    }

    /** The store prefix of the model folder, ending in {@code /}. */
    static String prefix(JobMessage message, ModelReference model) {
        if (message.modelArtifact() != null) {
            return asFolder(message.modelArtifact());
        }
        if (model.artifact() != null) {
            return asFolder(model.artifact());
        }
        throw new JobFailure("model not found: train job " + model.trainJob() + " was not resolved to its model "
                + "folder (the job message has no modelArtifact)", false);
    }

    /** A folder prefix from a prefix or the key of the folder's {@code model.json}. */
    private static String asFolder(String key) {
        if (key.endsWith("/")) {
            return key;
        }
        String description = SavedModel.DESCRIPTION_FILE;
        return key.endsWith("/" + description) ? key.substring(0, key.length() - description.length()) : key + "/";
    }
}
