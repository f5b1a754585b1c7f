/**
 * Datasets behind one entry point, {@link io.robustlab.core.data.Datasets#load}: IDX (MNIST, Fashion-MNIST,
 * permuted MNIST), CIFAR-10 binary, and synthetic Gaussian and Bernoulli sets, found in the folders
 * {@link io.robustlab.core.data.DataLocations} names or downloaded with SHA-256 verification. Image
 * features are float32 in [0,1]; normalisation belongs to the model so that attacks work in input space.
 */
package io.robustlab.core.data;
