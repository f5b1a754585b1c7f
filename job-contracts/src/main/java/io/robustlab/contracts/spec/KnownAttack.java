package io.robustlab.contracts.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The attacks an Evaluate spec may name: the norm of each, and the parameters it takes (by their
 * {@link AttackSpec} field names). The defaults are in {@link AttackSpec#withDefaults()}.
 */
enum KnownAttack {

    FGSM("fgsm", Norm.LINF, false, "randomStart"),
    LINF_BIM("linf-bim", Norm.LINF, true, "steps", "relativeStepSize", "stepSize", "randomStart"),
    LINF_PGD("linf-pgd", Norm.LINF, true, "steps", "relativeStepSize", "stepSize", "randomStart", "restarts"),
    L2_PGD("l2-pgd", Norm.L2, true, "steps", "relativeStepSize", "stepSize", "randomStart", "restarts"),
    LINF_UNIFORM_NOISE("linf-uniform-noise", Norm.LINF, false, "repeats"),
    L2_GAUSSIAN_NOISE("l2-gaussian-noise", Norm.L2, false, "repeats"),
    LINF_DEEPFOOL("linf-deepfool", Norm.LINF, false, "steps", "candidates", "overshoot", "loss"),
    L2_DEEPFOOL("l2-deepfool", Norm.L2, false, "steps", "candidates", "overshoot", "loss"),
    L2_DDN("l2-ddn", Norm.L2, true, "steps", "initialEpsilon", "gamma"),
    L2_CARLINI_WAGNER("l2-carlini-wagner", Norm.L2, true,
            "binarySearchSteps", "steps", "learningRate", "confidence", "initialConst", "abortEarly");

    static final List<String> NAMES = Arrays.stream(values()).map(KnownAttack::specName).toList();

    private final String specName;
    private final Norm norm;
    private final List<String> parameters;

    KnownAttack(String specName, Norm norm, boolean targetable, String... parameters) {
        this.specName = specName;
        this.norm = norm;
        List<String> own = List.of(parameters);
        this.parameters = targetable
                ? Stream.concat(own.stream(), Stream.of("targeted", "targetClass")).toList()
                : own;
    }

    static Optional<KnownAttack> named(String name) {
        return Arrays.stream(values()).filter(a -> a.specName.equals(name)).findFirst();
    }

    String specName() {
        return specName;
    }

    Norm norm() {
        return norm;
    }

    /** Whether it takes the parameter of this {@link AttackSpec} field name. */
    boolean takes(String parameter) {
        return parameters.contains(parameter);
    }

    /** The names of the attacks that take the parameter: {@code linf-pgd, l2-pgd}. */
    static String takers(String parameter) {
        return String.join(", ", Arrays.stream(values()).filter(a -> a.takes(parameter)).map(KnownAttack::specName)
                .toList());
    }
}
