package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import java.util.List;

/**
 * {@code kind: Train}: train one model on one dataset with one method.
 *
 * <p>Fields are boxed because a parsed spec may leave them out; {@link #withDefaults()} fills every
 * default, and that filled form is the canonical one that is hashed and run.
 *
 * <p>Defaults: epochs 10, batchSize 100, seed 0, optimizer {@code {name: sgd}}, method {@code {name: standard}},
 * metadata with no name and no labels; then the defaults of each part (see their records). dataset and model
 * have no default. Rules: apiVersion robustlab/v1, kind Train, epochs in [1, 10000], batchSize in [1, 65536],
 * seed in [0, 2^53 − 1], and the rules of each part.
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

    @Override
    public TrainSpec withDefaults() {
        return new TrainSpec(
                apiVersion,
                kind,
                requireNonNullElse(metadata, SpecMetadata.NONE).withDefaults(),
                dataset == null ? null : dataset.withDefaults(),
                model == null ? null : model.withDefaults(),
                requireNonNullElse(optimizer, OptimizerSpec.SGD).withDefaults(),
                requireNonNullElse(method, TrainingMethodSpec.STANDARD).withDefaults(),
                requireNonNullElse(epochs, 10),
                requireNonNullElse(batchSize, 100),
                requireNonNullElse(seed, 0L));
    }

    @Override
    public List<SpecViolation> violations() {
        SpecChecks checks = new SpecChecks();
        withDefaults().check(checks);
        return checks.violations();
    }

    private void check(SpecChecks checks) {
        checks.header(this, KIND);
        if (checks.required("dataset", dataset)) {
            dataset.check(checks.nested("dataset"));
        }
        if (checks.required("model", model)) {
            model.check(checks.nested("model"));
            if (dataset != null) {
                model.checkFits(checks.nested("model"), dataset);
            }
        }
        optimizer.check(checks.nested("optimizer"));
        method.check(checks.nested("method"));
        checks.integerIn("epochs", epochs, 1, 10_000);
        checks.integerIn("batchSize", batchSize, 1, 65_536);
        checks.integerIn("seed", seed, 0, MAX_SEED);
    }
}
