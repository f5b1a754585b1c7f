/**
 * Attacks that turn a batch into adversarial examples against a {@code Network}. Fixed-budget ones (FGSM, BIM, L∞ and
 * L2 PGD, additive noise; {@link io.robustlab.core.attack.FixedBudgetAttacks}) stay inside the ε-ball and the [0,1]
 * box, verified before they return, and stop working on a sample once it is broken
 * ({@link io.robustlab.core.attack.ActiveSamples}); minimum-norm ones ({@code MinimumNormAttacks}) find the smallest
 * perturbation per sample. See robust-core/README.md.
 */
package io.robustlab.core.attack;
