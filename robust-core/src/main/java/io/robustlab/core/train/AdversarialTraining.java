package io.robustlab.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

import io.robustlab.contracts.spec.TrainingMethodSpec;
import io.robustlab.core.attack.Attack;
import io.robustlab.core.attack.AttackGoal;
import io.robustlab.core.attack.FgsmAttack;
import io.robustlab.core.attack.PgdAttack;
import io.robustlab.core.attack.StopRule;
import io.robustlab.core.model.Network;

import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Adversarial training (Madry et al. 2018): before each step, the first round(mixRatio·B) examples of the
 * (shuffled) batch are replaced by adversarial versions made on the fly against the current network, and the step
 * is taken on the mixed batch.
 */
public record AdversarialTraining(Attack attack, double mixRatio) {

    public AdversarialTraining {
        Objects.requireNonNull(attack, "attack");
        if (!(mixRatio >= 0 && mixRatio <= 1)) {
            throw new IllegalArgumentException("mixRatio must be in [0,1], got " + mixRatio);
        }
    }

    /** Empty for the {@code standard} method; the spec's defaults must be filled in. */
    public static Optional<AdversarialTraining> of(TrainingMethodSpec method) {
        String name = method == null || method.name() == null ? "standard" : method.name();
        return switch (name) {
            case "standard" -> Optional.empty();
            case "adversarial" -> Optional.of(new AdversarialTraining(attackOf(method),
                    required(method.mixRatio(), "mixRatio")));
            default -> throw new IllegalArgumentException("unknown training method '" + name + "'");
        };
    }

    static Attack attackOf(TrainingMethodSpec method) {
        double epsilon = required(method.epsilon(), "epsilon");
        String attack = Objects.requireNonNull(method.attack(), "method.attack");
        return switch (attack) {
            // training ascends the loss on every sample: no early exit (StopRule.NEVER)
            case "fgsm" -> new FgsmAttack(epsilon, false, StopRule.NEVER);
            case "pgd" -> PgdAttack.linf(epsilon, required(method.steps(), "steps"), required(method.stepSize(),
                    "stepSize"), required(method.randomStart(), "randomStart")).withStopRule(StopRule.NEVER);
            default -> throw new IllegalArgumentException("unknown attack '" + attack + "'");
        };
    }

    /** The batch to train on, in the manager of {@code inputs}. */
    public NDArray mix(Network network, NDArray inputs, NDArray labels, SplittableRandom random) {
        long batch = inputs.getShape().get(0);
        long adversarialCount = Math.round(mixRatio * batch);
        if (adversarialCount == 0) {
            return inputs;
        }
        if (adversarialCount == batch) {
            return attack.perturb(network, inputs, AttackGoal.untargeted(labels), random);
        }
        NDIndex head = new NDIndex("0:" + adversarialCount);
        NDArray adversarial = attack.perturb(network, inputs.get(head), AttackGoal.untargeted(labels.get(head)), random);
        NDArray clean = inputs.get(new NDIndex(adversarialCount + ":"));
        return NDArrays.concat(new NDList(adversarial, clean));
    }

    private static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, "method." + field + " (fill the spec's defaults first)");
    }
}
