/**
 * Job specs ({@code apiVersion: robustlab/v1}): records for each {@code kind}, their defaults, validation
 * with field paths, and the canonical JSON whose SHA-256 is the {@code specHash}. {@link
 * io.robustlab.contracts.spec.SpecCodec} is the way in and out of JSON.
 */
package io.robustlab.contracts.spec;
