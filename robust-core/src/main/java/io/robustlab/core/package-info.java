/**
 * The science of RobustLab as a plain library: datasets, models, training and (later) attacks and
 * evaluation, on DJL with the PyTorch engine. No Spring, no HTTP, no broker.
 */
package io.robustlab.core;
