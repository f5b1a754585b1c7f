package io.robustlab.core.evaluation;

/**
 * What one attack's curve cost.
 *
 * @param curve                the curve's label
 * @param seconds              wall time of its attack runs and re-predictions
 * @param samplesAttacked      samples sent to the attack, summed over epsilons (a sample attacked at 3 epsilons
 *                             counts 3 times)
 * @param attackPasses         forward+backward passes per the spec: samplesAttacked × the attack's passes per run
 *                             (steps × restarts for PGD, steps for BIM and DDN, 1 for FGSM, repeats for noise,
 *                             binarySearchSteps × steps for C&amp;W): an upper bound where an attack stops early
 * @param verificationForwards forward passes this engine ran to re-predict adversarial examples, per sample
 */
public record AttackCost(String curve, double seconds, long samplesAttacked, long attackPasses,
        long verificationForwards) {
}
