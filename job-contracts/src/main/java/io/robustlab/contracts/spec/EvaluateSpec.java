package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code kind: Evaluate}: measure how robust one trained model is, on samples of one dataset split: against
 * attacks over an epsilon grid, against common corruptions, and against noise on its weights.
 *
 * <p>Fields are boxed because a parsed spec may leave them out; {@link #withDefaults()} fills every default and
 * writes a preset out, and that filled form is the canonical one that is hashed and run.
 *
 * <p>Defaults: split test; samples the whole split (synthetic: 1000); batchSize 500; seed 0; metadata with no
 * name and no labels; then the defaults of each part (see their records). The dataset takes no trainSize or
 * testSize, and its seed only for synthetic data ({@link DatasetSpec#withEvaluationDefaults()}). A preset is
 * replaced by the attacks and epsilons it stands for, so a spec with {@code "preset": "foolbox-sweep"} and one
 * that writes the same attacks and epsilons out are the same spec, with the same hash. model and dataset have
 * no default.
 *
 * <p>Rules: apiVersion robustlab/v1, kind Evaluate; split {@code test} or {@code train}; samples in [1, split
 * size]; preset one of {@code foolbox-sweep}, and then no attacks or epsilons (the preset sets them); attacks
 * non-empty, labels unique; epsilons required with attacks, and attacks with epsilons; at most 1000 epsilons; corruptions
 * only for image datasets; at least one of attacks (or a preset), corruptions and weightNoise, or the spec
 * measures nothing; batchSize in [1, 65536]; seed in [0, 2^53 − 1]; and the rules of each part.
 *
 * @param model       the trained model to measure
 * @param dataset     the data its samples come from: name and the parameters of the data itself
 * @param split       {@code test} or {@code train}
 * @param samples     how many examples of the split are measured, chosen with seed (default: all of it)
 * @param preset      a named configuration of attacks and epsilons: {@code foolbox-sweep}
 * @param attacks     the attacks, each one robustness curve, in the order they are reported
 * @param epsilons    the perturbation budgets every attack is run at: the sorted union of these parts
 *                    ({@link #epsilonGrid()})
 * @param corruptions common corruptions of the samples, each at each severity
 * @param weightNoise relative Gaussian noise on the weights
 * @param batchSize   samples per forward and backward pass
 * @param seed        drives the choice of samples and every random part of the attacks and noise
 */
public record EvaluateSpec(
        String apiVersion,
        String kind,
        SpecMetadata metadata,
        ModelReference model,
        DatasetSpec dataset,
        String split,
        Integer samples,
        String preset,
        List<AttackSpec> attacks,
        List<EpsilonGridPart> epsilons,
        CorruptionSpec corruptions,
        WeightNoiseSpec weightNoise,
        Integer batchSize,
        Long seed) implements JobSpec {

    public static final String KIND = "Evaluate";
    static final List<String> SPLITS = List.of("test", "train");
    private static final int MAX_EPSILONS = 1_000;

    @Override
    public EvaluateSpec withDefaults() {
        EvaluationPreset named = preset == null ? null : EvaluationPreset.named(preset).orElse(null);
        // A preset given together with attacks or epsilons is kept, not written out, so that the rules see it.
        boolean writeOut = named != null && attacks == null && epsilons == null;
        DatasetSpec filledDataset = dataset == null ? null : dataset.withEvaluationDefaults();
        String filledSplit = requireNonNullElse(split, "test");
        return new EvaluateSpec(
                apiVersion,
                kind,
                requireNonNullElse(metadata, SpecMetadata.NONE).withDefaults(),
                model,
                filledDataset,
                filledSplit,
                samples != null ? samples : defaultSamples(filledDataset, filledSplit),
                writeOut ? null : preset,
                eachWithDefaults(writeOut ? named.attacks() : attacks, AttackSpec::withDefaults),
                eachWithDefaults(writeOut ? named.epsilons() : epsilons, EpsilonGridPart::withDefaults),
                corruptions == null ? null : corruptions.withDefaults(),
                weightNoise == null ? null : weightNoise.withDefaults(),
                requireNonNullElse(batchSize, 500),
                requireNonNullElse(seed, 0L));
    }

    private static Integer defaultSamples(DatasetSpec dataset, String split) {
        KnownDataset known = dataset == null ? null : KnownDataset.named(dataset.name()).orElse(null);
        return known == null || !SPLITS.contains(split) ? null : known.defaultSize(split);
    }

    private static <T> List<T> eachWithDefaults(List<T> parts, UnaryOperator<T> withDefaults) {
        return parts == null ? null : parts.stream().map(part -> part == null ? null : withDefaults.apply(part)).toList();
    }

    /**
     * The epsilons every attack runs at: the points of every part, sorted ascending, each once (after rounding);
     * empty when there are no epsilons.
     *
     * @throws IllegalStateException if a part of the grid is not valid
     */
    public double[] epsilonGrid() {
        EvaluateSpec filled = withDefaults();
        return filled.epsilons == null ? new double[0] : EpsilonGridPart.grid(filled.epsilons);
    }

    @Override
    public List<SpecViolation> violations() {
        SpecChecks checks = new SpecChecks();
        withDefaults().check(checks);
        return checks.violations();
    }

    private void check(SpecChecks checks) {
        checks.header(this, KIND);
        if (checks.required("model", model)) {
            model.check(checks.nested("model"));
        }
        KnownDataset data = null;
        if (checks.required("dataset", dataset)) {
            dataset.checkForEvaluation(checks.nested("dataset"));
            data = KnownDataset.named(dataset.name()).orElse(null);
        }
        boolean knownSplit = checks.oneOf("split", split, SPLITS);
        if (checks.integerIn("samples", samples, 1, Integer.MAX_VALUE) && knownSplit
                && data != null && samples > data.splitSize(split)) {
            checks.add("samples", "must be <= " + data.splitSize(split) + " for the " + split + " split of "
                    + data.specName());
        }
        checkPreset(checks);
        checkAttacks(checks, data);
        checkEpsilons(checks);
        if (corruptions != null) {
            if (data != null && !data.isImage()) {
                checks.add("corruptions", "applies only to image datasets (" + KnownDataset.IMAGE_NAMES + ")");
            } else {
                corruptions.check(checks.nested("corruptions"));
            }
        }
        if (weightNoise != null) {
            weightNoise.check(checks.nested("weightNoise"));
        }
        if (attacks == null && preset == null) {
            if (epsilons != null) {
                checks.add("attacks", "is required when epsilons is given: epsilons are what attacks run at");
            } else if (corruptions == null && weightNoise == null) {
                checks.add("attacks", "is required unless a preset, corruptions or weightNoise is given: "
                        + "the spec would measure nothing");
            }
        }
        checks.integerIn("batchSize", batchSize, 1, 65_536);
        checks.integerIn("seed", seed, 0, MAX_SEED);
    }

    /** In a filled spec a known preset is left only when attacks or epsilons were given with it. */
    private void checkPreset(SpecChecks checks) {
        if (!checks.oneOf("preset", preset, EvaluationPreset.NAMES)) {
            return;
        }
        String why = "must not be given with preset " + preset + ": the preset sets them";
        if (attacks != null) {
            checks.add("attacks", why);
        }
        if (epsilons != null) {
            checks.add("epsilons", why);
        }
    }

    private void checkAttacks(SpecChecks checks, KnownDataset data) {
        if (!checks.nonEmpty("attacks", attacks)) {
            return;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < attacks.size(); i++) {
            String element = "attacks[" + i + "]";
            AttackSpec attack = attacks.get(i);
            if (!checks.required(element, attack)) {
                labels.add(null);
                continue;
            }
            attack.check(checks.nested(element), data);
            int first = attack.label() == null ? -1 : labels.indexOf(attack.label());
            if (first >= 0) {
                checks.add(element + ".label", "must be unique: attacks[" + first + "] is labelled \""
                        + attack.label() + "\" too (give each variant a label)");
            }
            labels.add(attack.label());
        }
    }

    private void checkEpsilons(SpecChecks checks) {
        if (preset != null) {
            return; // the preset's rule said what is wrong
        }
        if (attacks == null) {
            return; // epsilons without attacks: the rule on attacks says so
        }
        if (!checks.requiredFor("epsilons", epsilons, "attacks") || !checks.nonEmpty("epsilons", epsilons)) {
            return;
        }
        int before = checks.count();
        for (int i = 0; i < epsilons.size(); i++) {
            String element = "epsilons[" + i + "]";
            if (checks.required(element, epsilons.get(i))) {
                epsilons.get(i).check(checks.nested(element));
            }
        }
        boolean valid = checks.count() == before;
        // Rounding may merge points, so only a grid that could be too large is expanded to count them.
        if (valid && epsilons.stream().mapToInt(EpsilonGridPart::size).sum() > MAX_EPSILONS) {
            int size = EpsilonGridPart.grid(epsilons).length;
            if (size > MAX_EPSILONS) {
                checks.add("epsilons", "must have at most " + MAX_EPSILONS + " values (has " + size + ")");
            }
        }
    }
}
