/**
 * Evaluate jobs: fetch the model folder from the artifact store, run the attacks, corruptions and weight noise of
 * an {@code Evaluate} spec, stream each curve point and table row as an event, and store {@code result.json} and a
 * gallery of adversarial examples.
 */
package io.robustlab.attack.evaluation;
