package io.robustlab.cli;

/** API answers shaped as the API writes them (api-service's JobView and RobustnessResults). */
public final class Fixtures {

    public static final String JOB = "3f2c9d1e-8a7b-4c6d-9e0f-1a2b3c4d5e6f";
    public static final String TRAIN_JOB = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private Fixtures() {
    }

    public static String job(String id, String kind, String status, String failureReason) {
        return """
                {"id": "%s", "kind": "%s", "status": "%s", "specHash": "ab12", "name": "nightly",
                 "labels": {"ci": "yes"}, "attempt": 1, "maxAttempts": 3, "runs": 1, "reused": false,
                 "cancelRequested": false, %s "workerId": "attacker-1", "createdAt": "2026-11-22T08:00:00Z",
                 "updatedAt": "2026-11-22T08:00:05Z", "someFieldAddedLater": {"x": 1},
                 "links": {"self": "/api/v1/jobs/%s"}}
                """.formatted(id, kind, status, failureReason == null ? "" : "\"failureReason\": \"" + failureReason
                + "\",", id);
    }

    /**
     * FGSM and PGD at ε 0, 0.05, 0.1 on 100 samples, clean accuracy 0.9; the worst case over all attacks is 0.58 at
     * 0.05 and 0.40 at 0.1. {@code worst-case L2} would need an L2 attack, so there is none.
     */
    public static String curves(String id) {
        return """
                {"jobId": "%s", "curves": [
                  {"label": "fgsm (L∞)", "kind": "attack", "norm": "linf", "points": [
                    {"epsilon": 0.0, "accuracy": 0.9, "samples": 100}, {"epsilon": 0.05, "accuracy": 0.7, "samples": 100},
                    {"epsilon": 0.1, "accuracy": 0.55, "samples": 100}]},
                  {"label": "linf-pgd (L∞)", "kind": "attack", "norm": "linf", "points": [
                    {"epsilon": 0.0, "accuracy": 0.9, "samples": 100}, {"epsilon": 0.05, "accuracy": 0.6, "samples": 100},
                    {"epsilon": 0.1, "accuracy": 0.42, "samples": 100}]},
                  {"label": "worst-case L∞", "kind": "worst-case", "norm": "linf", "points": [
                    {"epsilon": 0.0, "accuracy": 0.9, "samples": 100}, {"epsilon": 0.05, "accuracy": 0.58, "samples": 100},
                    {"epsilon": 0.1, "accuracy": 0.4, "samples": 100}]},
                  {"label": "worst-case (all attacks)", "kind": "worst-case", "norm": "linf", "points": [
                    {"epsilon": 0.0, "accuracy": 0.9, "samples": 100}, {"epsilon": 0.05, "accuracy": 0.58, "samples": 100},
                    {"epsilon": 0.1, "accuracy": 0.4, "samples": 100}]}],
                 "corruptions": {"corruptions": [], "meanAccuracy": null}, "weightNoise": []}
                """.formatted(id);
    }
}
