/**
 * Benchmarks that print figures and ratios measured in one run; nothing here asserts a timing.
 * Run them with {@code bench/run <Name>} from the repository root.
 */
package io.robustlab.bench;
