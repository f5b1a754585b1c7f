/**
 * White-box attacks that turn a batch into adversarial examples against a {@code Network}: FGSM and PGD under an
 * L∞ budget, always inside the ε-ball and the [0,1] input box. Adversarial training uses them now; the robustness
 * evaluation engine will grow here.
 */
package io.robustlab.core.attack;
