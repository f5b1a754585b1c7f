/**
 * The CI gate: a finished Evaluate job passes when its clean accuracy and its robust accuracy at one epsilon reach
 * the thresholds; the verdict is printed as a table and can be written as a JUnit XML report.
 */
package io.robustlab.cli.gate;
