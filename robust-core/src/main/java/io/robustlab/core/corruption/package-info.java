/**
 * Natural image corruptions at severities 1–5 (ImageNet-C / CIFAR-10-C / MNIST-C style), pure Java on
 * float images in [0,1], looked up by name in {@link io.robustlab.core.corruption.Corruptions}; each example's
 * randomness comes from (seed, corruption, severity, example index), so results never depend on batching.
 */
package io.robustlab.core.corruption;
