package io.robustlab.contracts.spec;

import static java.util.Objects.requireNonNullElse;

import io.robustlab.contracts.spec.SpecChecks.Range;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attack of an Evaluate spec, run at every epsilon of the grid; its robust accuracy against epsilon is one
 * curve, labelled with its {@link #label()} and {@link #norm()}.
 *
 * <p>The attacks, each named with its norm, and the foolbox 3 class it matches (Rauber, Zimmermann, Bethge and
 * Brendel 2020, "Foolbox Native: Fast adversarial attacks to benchmark the robustness of machine learning models
 * in PyTorch, TensorFlow, and JAX"):
 * <ul>
 * <li>{@code fgsm}: L∞, {@code LinfFastGradientAttack} (Goodfellow, Shlens and Szegedy 2015, "Explaining and
 *     Harnessing Adversarial Examples"): one signed-gradient step of size epsilon;
 * <li>{@code linf-bim}: L∞, {@code LinfBasicIterativeAttack} (Kurakin, Goodfellow and Bengio 2017, "Adversarial
 *     Examples in the Physical World");
 * <li>{@code linf-pgd}, {@code l2-pgd}: {@code LinfProjectedGradientDescentAttack},
 *     {@code L2ProjectedGradientDescentAttack} (Madry, Makelov, Schmidt, Tsipras and Vladu 2018, "Towards Deep
 *     Learning Models Resistant to Adversarial Attacks"), with restarts from new random starts;
 * <li>{@code linf-uniform-noise}, {@code l2-gaussian-noise}: {@code LinfAdditiveUniformNoiseAttack},
 *     {@code L2AdditiveGaussianNoiseAttack}: random noise scaled to norm epsilon, a baseline;
 * <li>{@code linf-deepfool}, {@code l2-deepfool}: {@code LinfDeepFoolAttack}, {@code L2DeepFoolAttack}
 *     (Moosavi-Dezfooli, Fawzi and Frossard 2016, "DeepFool: a simple and accurate method to fool deep neural
 *     networks");
 * <li>{@code l2-ddn}: {@code DDNAttack} (Rony, Hafemann, Oliveira, Ben Ayed, Sabourin and Granger 2019,
 *     "Decoupling Direction and Norm for Efficient Gradient-Based L2 Adversarial Attacks and Defenses");
 * <li>{@code l2-carlini-wagner}: {@code L2CarliniWagnerAttack} (Carlini and Wagner 2017, "Towards Evaluating the
 *     Robustness of Neural Networks"), with a binary search over the constant c.
 * </ul>
 * DeepFool, DDN and Carlini-Wagner find the smallest perturbation they can, once per sample; as in foolbox 3
 * ({@code MinimizationAttack.__call__}), a sample counts as broken at epsilon when that perturbation, clipped to
 * norm epsilon, still fools the model. The others run once per epsilon.
 *
 * <p>Defaults ({@link #withDefaults()}) are foolbox 3.3.4's (the newest release), so that results compare with
 * work that used it; source files in {@code foolbox/attacks/}:
 * <table>
 * <caption>defaults</caption>
 * <tr><th>attack</th><th>defaults</th><th>foolbox source</th></tr>
 * <tr><td>fgsm</td><td>randomStart false (one step of epsilon: rel_stepsize 1.0, steps 1, fixed)</td>
 *     <td>fast_gradient_method.py, {@code LinfFastGradientAttack.__init__}</td></tr>
 * <tr><td>linf-bim</td><td>steps 10, relativeStepSize 0.2, randomStart false</td>
 *     <td>basic_iterative_method.py, {@code LinfBasicIterativeAttack.__init__}</td></tr>
 * <tr><td>linf-pgd</td><td>steps 40, relativeStepSize 0.01/0.3, randomStart true, restarts 1</td>
 *     <td>projected_gradient_descent.py, {@code LinfProjectedGradientDescentAttack.__init__}</td></tr>
 * <tr><td>l2-pgd</td><td>steps 50, relativeStepSize 0.025, randomStart true, restarts 1</td>
 *     <td>projected_gradient_descent.py, {@code L2ProjectedGradientDescentAttack.__init__}</td></tr>
 * <tr><td>linf-uniform-noise, l2-gaussian-noise</td><td>repeats 1 (foolbox's attack takes no parameters and
 *     draws once; its {@code Repeated…} variants draw up to 100 times)</td><td>additive_noise.py</td></tr>
 * <tr><td>linf-deepfool, l2-deepfool</td><td>steps 50, candidates 10, overshoot 0.02, loss logits</td>
 *     <td>deepfool.py, {@code DeepFoolAttack.__init__}</td></tr>
 * <tr><td>l2-ddn</td><td>steps 100, initialEpsilon 1.0, gamma 0.05 (steps was 10 before foolbox 3.3.2)</td>
 *     <td>ddn.py, {@code DDNAttack.__init__}</td></tr>
 * <tr><td>l2-carlini-wagner</td><td>binarySearchSteps 9, steps 10000, learningRate 0.01, confidence 0,
 *     initialConst 0.001, abortEarly true</td><td>carlini_wagner.py, {@code L2CarliniWagnerAttack.__init__}</td></tr>
 * </table>
 * Every attack that can be targeted defaults to targeted false; label defaults to the name. A step size given
 * as stepSize replaces the default relativeStepSize (foolbox: abs_stepsize takes precedence over rel_stepsize).
 * Parameters that do not apply to the attack stay null, and giving one is a violation.
 *
 * <p>Rules: steps in [1, 100000]; relativeStepSize, stepSize, initialEpsilon, initialConst, learningRate
 * &gt; 0, and not both relativeStepSize and stepSize; restarts in [1, 1000], and 1 without randomStart (every
 * restart would be the same); candidates in [2, 1000]; overshoot, confidence ≥ 0; gamma in (0, 1);
 * binarySearchSteps in [1, 100]; repeats in [1, 10000]; loss {@code logits} or {@code crossentropy};
 * targetClass only when targeted, in [0, classes); label not blank.
 *
 * @param name              the attack: one of {@link #NAMES}
 * @param label             names its curve; unique within a spec, so that two variants of one attack can be
 *                          compared (default: the name)
 * @param steps             iterations (Carlini-Wagner: Adam steps in each binary search step)
 * @param relativeStepSize  linf-bim, linf-pgd, l2-pgd: the step as a fraction of epsilon (foolbox rel_stepsize)
 * @param stepSize          linf-bim, linf-pgd, l2-pgd: the step in input units, the same at every epsilon
 *                          (foolbox abs_stepsize)
 * @param randomStart       fgsm, linf-bim, linf-pgd, l2-pgd: start from a uniform point of the epsilon ball
 * @param restarts          linf-pgd, l2-pgd: runs from new random starts; a sample is broken if any run breaks
 *                          it
 * @param overshoot         DeepFool: how far past the boundary it steps, as a fraction of the step
 * @param candidates        DeepFool: how many of the most likely classes it considers (at most the number of
 *                          classes is used)
 * @param loss              DeepFool: {@code logits} (differences of logits) or {@code crossentropy}
 * @param initialEpsilon    l2-ddn: the initial norm of the perturbation
 * @param gamma             l2-ddn: the factor the norm shrinks or grows by each step
 * @param binarySearchSteps l2-carlini-wagner: steps of the binary search over the constant c
 * @param initialConst      l2-carlini-wagner: c at the start of the search
 * @param confidence        l2-carlini-wagner: the logit margin an adversarial must reach (kappa)
 * @param learningRate      l2-carlini-wagner: Adam's step size (foolbox stepsize)
 * @param abortEarly        l2-carlini-wagner: stop a binary search step when the loss stops falling
 * @param repeats           linf-uniform-noise, l2-gaussian-noise: draws per sample; a sample is broken if any
 *                          draw breaks it
 * @param targeted          linf-bim, linf-pgd, l2-pgd, l2-ddn, l2-carlini-wagner: push towards a target class
 *                          rather than away from the true one
 * @param targetClass       when targeted: the class every sample is pushed to (samples of that class are left
 *                          out of the curve); when absent, each sample's target is drawn from the other classes
 *                          with the spec's seed
 */
public record AttackSpec(
        String name,
        String label,
        Integer steps,
        Double relativeStepSize,
        Double stepSize,
        Boolean randomStart,
        Integer restarts,
        Double overshoot,
        Integer candidates,
        String loss,
        Double initialEpsilon,
        Double gamma,
        Integer binarySearchSteps,
        Double initialConst,
        Double confidence,
        Double learningRate,
        Boolean abortEarly,
        Integer repeats,
        Boolean targeted,
        Integer targetClass) {

    /** The attack names, each with its norm: fgsm is L∞. */
    public static final List<String> NAMES = KnownAttack.NAMES;
    static final List<String> LOSSES = List.of("logits", "crossentropy");
    private static final int MAX_STEPS = 100_000;

    /** The attack with every parameter left to its default. */
    public static AttackSpec named(String name) {
        return new AttackSpec(name, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** The norm its epsilon is measured in, which its name says. */
    public Norm norm() {
        return KnownAttack.named(name).map(KnownAttack::norm)
                .orElseThrow(() -> new IllegalStateException("no attack is named " + name));
    }

    /** What its curve is called: the label (or name) and the norm, {@code linf-pgd (L∞)}. */
    public String curveLabel() {
        return requireNonNullElse(label, name) + " (" + norm().symbol() + ")";
    }

    /** A copy with the label and the foolbox defaults of this attack's parameters filled in. */
    public AttackSpec withDefaults() {
        KnownAttack attack = KnownAttack.named(name).orElse(null);
        String filledLabel = label != null ? label : name;
        if (attack == null) {
            return new AttackSpec(name, filledLabel, steps, relativeStepSize, stepSize, randomStart, restarts,
                    overshoot, candidates, loss, initialEpsilon, gamma, binarySearchSteps, initialConst, confidence,
                    learningRate, abortEarly, repeats, targeted, targetClass);
        }
        return new AttackSpec(name, filledLabel,
                fill(attack, "steps", steps, switch (attack) {
                    case LINF_BIM -> 10;
                    case LINF_PGD -> 40;
                    case L2_PGD, LINF_DEEPFOOL, L2_DEEPFOOL -> 50;
                    case L2_DDN -> 100;
                    case L2_CARLINI_WAGNER -> 10_000;
                    default -> null;
                }),
                stepSize != null ? relativeStepSize : fill(attack, "relativeStepSize", relativeStepSize,
                        switch (attack) {
                            case LINF_BIM -> 0.2;
                            case LINF_PGD -> 0.01 / 0.3; // as foolbox computes it: 0.03333333333333333
                            case L2_PGD -> 0.025;
                            default -> null;
                        }),
                stepSize,
                fill(attack, "randomStart", randomStart, attack == KnownAttack.LINF_PGD || attack == KnownAttack.L2_PGD),
                fill(attack, "restarts", restarts, 1),
                fill(attack, "overshoot", overshoot, 0.02),
                fill(attack, "candidates", candidates, 10),
                fill(attack, "loss", loss, "logits"),
                fill(attack, "initialEpsilon", initialEpsilon, 1.0),
                fill(attack, "gamma", gamma, 0.05),
                fill(attack, "binarySearchSteps", binarySearchSteps, 9),
                fill(attack, "initialConst", initialConst, 1e-3),
                fill(attack, "confidence", confidence, 0.0),
                fill(attack, "learningRate", learningRate, 0.01),
                fill(attack, "abortEarly", abortEarly, true),
                fill(attack, "repeats", repeats, 1),
                fill(attack, "targeted", targeted, false),
                targetClass);
    }

    /** The value given, or the default if the attack takes the parameter; a parameter it does not take stays as given. */
    private static <T> T fill(KnownAttack attack, String parameter, T given, T foolboxDefault) {
        return given != null || !attack.takes(parameter) ? given : foolboxDefault;
    }

    /** Every parameter by its field name: what the applicability rule walks. */
    Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("steps", steps);
        parameters.put("relativeStepSize", relativeStepSize);
        parameters.put("stepSize", stepSize);
        parameters.put("randomStart", randomStart);
        parameters.put("restarts", restarts);
        parameters.put("overshoot", overshoot);
        parameters.put("candidates", candidates);
        parameters.put("loss", loss);
        parameters.put("initialEpsilon", initialEpsilon);
        parameters.put("gamma", gamma);
        parameters.put("binarySearchSteps", binarySearchSteps);
        parameters.put("initialConst", initialConst);
        parameters.put("confidence", confidence);
        parameters.put("learningRate", learningRate);
        parameters.put("abortEarly", abortEarly);
        parameters.put("repeats", repeats);
        parameters.put("targeted", targeted);
        parameters.put("targetClass", targetClass);
        return parameters;
    }

    /** Checks an attack whose defaults are filled in, against the dataset it will run on (null if unknown). */
    void check(SpecChecks checks, KnownDataset data) {
        if (label != null && label.isBlank()) {
            checks.add("label", "must not be blank");
        }
        if (!checks.required("name", name) || !checks.oneOf("name", name, NAMES)) {
            return;
        }
        KnownAttack attack = KnownAttack.named(name).orElseThrow();
        parameters().forEach((parameter, value) -> {
            if (value != null && !attack.takes(parameter)) {
                checks.add(parameter, "applies only to attacks " + KnownAttack.takers(parameter));
            }
        });
        if (attack.takes("steps")) {
            checks.integerIn("steps", steps, 1, MAX_STEPS);
        }
        if (attack.takes("stepSize")) {
            checks.in("relativeStepSize", relativeStepSize, Range.above(0));
            checks.in("stepSize", stepSize, Range.above(0));
            if (relativeStepSize != null && stepSize != null) {
                checks.add("stepSize", "must not be given together with relativeStepSize: give one step size");
            }
        }
        if (attack.takes("restarts") && checks.integerIn("restarts", restarts, 1, 1_000)
                && restarts > 1 && Boolean.FALSE.equals(randomStart)) {
            checks.add("restarts", "must be 1 without randomStart: every restart would be the same");
        }
        if (attack.takes("candidates")) {
            checks.integerIn("candidates", candidates, 2, 1_000);
            checks.in("overshoot", overshoot, Range.atLeast(0));
            checks.oneOf("loss", loss, LOSSES);
        }
        if (attack.takes("gamma")) {
            checks.in("initialEpsilon", initialEpsilon, Range.above(0));
            checks.in("gamma", gamma, new Range(0, false, 1, false));
        }
        if (attack.takes("binarySearchSteps")) {
            checks.integerIn("binarySearchSteps", binarySearchSteps, 1, 100);
            checks.in("initialConst", initialConst, Range.above(0));
            checks.in("confidence", confidence, Range.atLeast(0));
            checks.in("learningRate", learningRate, Range.above(0));
        }
        if (attack.takes("repeats")) {
            checks.integerIn("repeats", repeats, 1, 10_000);
        }
        if (attack.takes("targetClass")) {
            checkTarget(checks, data);
        }
    }

    private void checkTarget(SpecChecks checks, KnownDataset data) {
        if (targetClass == null) {
            return;
        }
        if (!Boolean.TRUE.equals(targeted)) {
            checks.add("targetClass", "applies only when targeted is true");
        } else if (checks.integerIn("targetClass", targetClass, 0, Integer.MAX_VALUE)
                && data != null && targetClass >= data.classes()) {
            checks.add("targetClass", "must be < " + data.classes() + ", the number of classes of " + data.specName());
        }
    }
}
