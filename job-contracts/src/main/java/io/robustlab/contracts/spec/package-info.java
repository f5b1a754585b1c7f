/**
 * Job specs ({@code apiVersion: robustlab/v1}): records for each {@code kind}, their defaults, validation
 * with field paths, and the canonical JSON whose SHA-256 is the {@code specHash}.
 */
package io.robustlab.contracts.spec;
