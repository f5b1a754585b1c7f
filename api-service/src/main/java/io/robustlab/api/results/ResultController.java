package io.robustlab.api.results;

import io.robustlab.api.auth.Caller;
import io.robustlab.api.jobs.JobService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a job measured: training metrics and robustness results. */
@RestController
@RequestMapping(path = "/api/v1/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "results")
class ResultController {

    private final JobService jobs;
    private final JobResults results;

    ResultController(JobService jobs, JobResults results) {
        this.jobs = jobs;
        this.results = results;
    }

    @GetMapping("/metrics")
    @Operation(summary = "Per-epoch training metrics, by epoch",
            description = "Train and test loss and accuracy, learning rate and seconds of each finished epoch; "
                    + "an empty list until the first epoch ends.")
    TrainingMetrics metrics(@PathVariable UUID id) {
        jobs.get(Caller.current(), id);
        return results.metrics(id);
    }

    @GetMapping("/curves")
    @Operation(summary = "Robustness curves, corruption and weight-noise tables",
            description = "One curve per attack (kind attack) and the worst cases (kind worst-case: per norm, then "
                    + "over all attacks), each with its points by increasing epsilon; accuracy per corruption and "
                    + "severity with the mean per corruption and overall; accuracy per weight-noise sigma. Empty "
                    + "lists until the worker reports its first point.")
    RobustnessResults curves(@PathVariable UUID id) {
        jobs.get(Caller.current(), id);
        return results.robustness(id);
    }
}
