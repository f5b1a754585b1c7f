package io.robustlab.core.evaluation;

/**
 * One attack's curve and what it cost: what {@link AttackCheckpoints} keep of a finished attack, so that a resumed
 * run can use it without running the attack again.
 */
public record AttackOutcome(RobustnessCurve curve, AttackCost cost) {
}
