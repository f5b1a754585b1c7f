package io.robustlab.contracts.spec;

/**
 * {@code kind: Train}: train one model on one dataset with one method.
 *
 * <p>Fields are boxed because a parsed spec may leave them out; {@link #withDefaults()} fills every
 * default, and that filled form is the canonical one that is hashed and run.
 *
 * @param epochs    full passes over the training split
 * @param batchSize examples per optimizer step
 * @param seed      drives weight initialisation, shuffling and attack randomness
 */
public record TrainSpec(
        String apiVersion,
        String kind,
        SpecMetadata metadata,
        DatasetSpec dataset,
        ModelSpec model,
        OptimizerSpec optimizer,
        TrainingMethodSpec method,
        Integer epochs,
        Integer batchSize,
        Long seed) implements JobSpec {

    public static final String KIND = "Train";
}
