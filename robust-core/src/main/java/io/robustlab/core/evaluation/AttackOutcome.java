package io.robustlab.core.evaluation;

/** One attack's curve and what it cost. */
record AttackOutcome(RobustnessCurve curve, AttackCost cost) {
}
