/**
 * The robustness evaluation engine: runs an Evaluate spec against a trained network and counts robust accuracy per
 * attack and epsilon (with nested-epsilon reuse), worst cases, corruption accuracy and weight-noise accuracy, into
 * an {@link io.robustlab.core.evaluation.EvaluationResult} whose per-sample bitsets let curves be recombined.
 */
package io.robustlab.core.evaluation;
