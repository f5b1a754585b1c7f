/**
 * Datasets behind one interface: IDX (MNIST, Fashion-MNIST, permuted MNIST), CIFAR-10 binary, and
 * synthetic Gaussian and Bernoulli sets. Features are float32 in [0,1] for images; normalisation
 * belongs to the model so that attacks work in input space.
 */
package io.robustlab.core.data;
