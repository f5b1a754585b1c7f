package io.robustlab.contracts.spec;

/**
 * How each batch is turned into a loss.
 *
 * @param name      {@code standard}, or {@code adversarial} (Madry et al. 2018: train on attacked examples)
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
}
