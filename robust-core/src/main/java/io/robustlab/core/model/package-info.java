/**
 * Networks built from a {@code ModelSpec} (MLP, LeNet, VGG-small) as DJL blocks, their seeded weight
 * initialisation, output heads, and the saved-model folder (DJL parameters, NumPy {@code .npz}, {@code model.json}).
 */
package io.robustlab.core.model;
