package io.robustlab.contracts.spec;

/** A job spec of any kind. Every spec carries the API version and its kind. */
public sealed interface JobSpec permits TrainSpec {

    String API_VERSION = "robustlab/v1";

    String apiVersion();

    String kind();

    /** Name and labels: for people and filters, never part of the spec hash. */
    SpecMetadata metadata();

    Long seed();
}
