package io.robustlab.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Named configurations of attacks and epsilons that an Evaluate spec may ask for by name instead of writing
 * them out ({@link EvaluateSpec#withDefaults()} writes them out).
 */
enum EvaluationPreset {

    /**
     * The sweep of the research RobustLab serves, run with foolbox 3: FGSM, LinfBasicIterative,
     * LinfAdditiveUniformNoise, LinfDeepFool (steps 40), DDN (steps 20) and LinfPGD (steps 20), every other
     * parameter at foolbox's default; epsilons [0] + [1,2,4,8]×1e-4 + [1,2,4,8]×1e-3
     * + round(logspace(0, 3.5, 15, base=2)×1e-2, 3) + [0.15, 0.2, 0.25, 0.3, 0.4, …, 1.0]: 35 values.
     */
    FOOLBOX_SWEEP("foolbox-sweep",
            List.of(
                    AttackSpec.named("fgsm"),
                    AttackSpec.named("linf-bim"),
                    AttackSpec.named("linf-uniform-noise"),
                    withSteps("linf-deepfool", 40),
                    withSteps("l2-ddn", 20),
                    withSteps("linf-pgd", 20)),
            List.of(
                    EpsilonGridPart.of(0),
                    new EpsilonGridPart(List.of(1.0, 2.0, 4.0, 8.0), null, null, 1e-4, null),
                    new EpsilonGridPart(List.of(1.0, 2.0, 4.0, 8.0), null, null, 1e-3, null),
                    new EpsilonGridPart(null, null, new EpsilonGridPart.Logspace(0.0, 3.5, 15, 2.0), 1e-2, 3),
                    EpsilonGridPart.of(0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)));

    static final List<String> NAMES = Arrays.stream(values()).map(p -> p.specName).toList();

    private final String specName;
    private final List<AttackSpec> attacks;
    private final List<EpsilonGridPart> epsilons;

    EvaluationPreset(String specName, List<AttackSpec> attacks, List<EpsilonGridPart> epsilons) {
        this.specName = specName;
        this.attacks = attacks;
        this.epsilons = epsilons;
    }

    private static AttackSpec withSteps(String name, int steps) {
        return new AttackSpec(name, null, steps, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    static Optional<EvaluationPreset> named(String name) {
        return Arrays.stream(values()).filter(p -> p.specName.equals(name)).findFirst();
    }

    /** Its attacks, as one would write them (defaults not filled in). */
    List<AttackSpec> attacks() {
        return attacks;
    }

    /** Its epsilon grid, as one would write it (defaults not filled in). */
    List<EpsilonGridPart> epsilons() {
        return epsilons;
    }
}
