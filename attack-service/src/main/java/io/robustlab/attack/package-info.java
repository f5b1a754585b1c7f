/**
 * The attack worker: consumes evaluation jobs and runs robust-core attacks, corruptions and weight noise, streaming curve points. Filled in by the workers issue.
 */
package io.robustlab.attack;
