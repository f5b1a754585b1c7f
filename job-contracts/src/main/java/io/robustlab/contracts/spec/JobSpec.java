package io.robustlab.contracts.spec;

import java.util.List;

/**
 * A job spec of any kind. Every spec carries the API version and its kind.
 *
 * <p>Read and write specs with {@link SpecCodec}: it fills defaults, validates, and computes the spec hash.
 */
public sealed interface JobSpec permits TrainSpec, EvaluateSpec {

    String API_VERSION = "robustlab/v1";

    /**
     * The largest seed: 2^53 − 1, the largest integer a JavaScript client (the web UI) keeps exactly, so a
     * spec it resubmits hashes the same.
     */
    long MAX_SEED = (1L << 53) - 1;

    String apiVersion();

    String kind();

    /** Name and labels: for people and filters, never part of the spec hash. */
    SpecMetadata metadata();

    Long seed();

    /** A copy with every default that applies filled in: the form that is run and hashed. Idempotent. */
    JobSpec withDefaults();

    /**
     * Every rule this spec breaks once its defaults are filled in, each naming its field; empty if the spec
     * is valid.
     */
    List<SpecViolation> violations();
}
