package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import io.robustlab.contracts.spec.SpecChecks.Range;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * How each batch is turned into a loss.
 *
 * <p>Adversarial training follows Madry, Makelov, Schmidt, Tsipras and Vladu (2018, "Towards Deep Learning
 * Models Resistant to Adversarial Attacks"): the loss is taken on examples perturbed by an attack within an
 * L∞ ball of radius epsilon, found by FGSM (Goodfellow, Shlens and Szegedy 2015, "Explaining and Harnessing
 * Adversarial Examples") or by PGD.
 *
 * <p>Defaults ({@link #withDefaults()}): name standard. adversarial: attack pgd, mixRatio 1.0; pgd: steps 10,
 * randomStart true and stepSize 2.5·epsilon/steps, as Madry et al. (computed in decimal, so epsilon 0.3 over
 * 10 steps is exactly 0.075, the value a person would write). epsilon has no default: it is required.
 *
 * <p>Rules: epsilon in (0, 1]; mixRatio in [0, 1]; steps in [1, 1000]; stepSize &gt; 0. A standard method takes
 * none of the other fields, and fgsm takes no steps, stepSize or randomStart.
 *
 * @param name      {@code standard}, or {@code adversarial} (train on attacked examples)
 * @param attack    adversarial only: {@code fgsm} or {@code pgd}
 * @param epsilon   adversarial only: the L∞ budget, in [0,1] input units
 * @param steps     pgd only: iterations
 * @param stepSize  pgd only: the step, in input units (default 2.5·epsilon/steps, as Madry et al.)
 * @param randomStart pgd only: start from a uniform point in the epsilon ball
 * @param mixRatio  adversarial only: the fraction of each batch replaced by its adversarial version
 *                  (1: all adversarial; 0.5: half clean, half adversarial)
 */
public record TrainingMethodSpec(
        String name,
        String attack,
        Double epsilon,
        Integer steps,
        Double stepSize,
        Boolean randomStart,
        Double mixRatio) {

    static final List<String> NAMES = List.of("standard", "adversarial");
    static final List<String> ATTACKS = List.of("fgsm", "pgd");
    private static final Range EPSILON = Range.openClosed(0, 1);
    private static final int MAX_STEPS = 1_000;

    static final TrainingMethodSpec STANDARD = new TrainingMethodSpec("standard", null, null, null, null, null, null);

    /**
     * A copy with the default name and the defaults of that method and attack filled in. The PGD step size is
     * filled only when epsilon and steps are valid, since it is computed from them.
     */
    public TrainingMethodSpec withDefaults() {
        String filledName = requireNonNullElse(name, "standard");
        if (!filledName.equals("adversarial")) {
            return new TrainingMethodSpec(filledName, attack, epsilon, steps, stepSize, randomStart, mixRatio);
        }
        String filledAttack = requireNonNullElse(attack, "pgd");
        Double filledMixRatio = requireNonNullElse(mixRatio, 1.0);
        if (!filledAttack.equals("pgd")) {
            return new TrainingMethodSpec(filledName, filledAttack, epsilon, steps, stepSize, randomStart,
                    filledMixRatio);
        }
        int filledSteps = requireNonNullElse(steps, 10);
        return new TrainingMethodSpec(filledName, filledAttack, epsilon, filledSteps,
                stepSize != null ? stepSize : madryStepSize(epsilon, filledSteps),
                requireNonNullElse(randomStart, true), filledMixRatio);
    }

    private static Double madryStepSize(Double epsilon, int steps) {
        if (epsilon == null || !EPSILON.contains(epsilon) || steps < 1 || steps > MAX_STEPS) {
            return null;
        }
        return new BigDecimal("2.5").multiply(BigDecimal.valueOf(epsilon))
                .divide(BigDecimal.valueOf(steps), MathContext.DECIMAL64)
                .doubleValue();
    }

    /** Checks a method whose defaults are filled in. */
    void check(SpecChecks checks) {
        if (!checks.oneOf("name", name, NAMES)) {
            return;
        }
        if (name.equals("standard")) {
            String adversarialOnly = "method adversarial";
            checks.onlyFor("attack", attack, adversarialOnly);
            checks.onlyFor("epsilon", epsilon, adversarialOnly);
            checks.onlyFor("steps", steps, adversarialOnly);
            checks.onlyFor("stepSize", stepSize, adversarialOnly);
            checks.onlyFor("randomStart", randomStart, adversarialOnly);
            checks.onlyFor("mixRatio", mixRatio, adversarialOnly);
            return;
        }
        if (checks.requiredFor("epsilon", epsilon, "method adversarial")) {
            checks.in("epsilon", epsilon, EPSILON);
        }
        checks.in("mixRatio", mixRatio, Range.closed(0, 1));
        if (!checks.oneOf("attack", attack, ATTACKS)) {
            return;
        }
        if (attack.equals("pgd")) {
            checks.integerIn("steps", steps, 1, MAX_STEPS);
            checks.in("stepSize", stepSize, Range.above(0));
        } else {
            checks.onlyFor("steps", steps, "attack pgd");
            checks.onlyFor("stepSize", stepSize, "attack pgd");
            checks.onlyFor("randomStart", randomStart, "attack pgd");
        }
    }
}
