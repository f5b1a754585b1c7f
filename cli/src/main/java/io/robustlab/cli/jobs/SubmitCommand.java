package io.robustlab.cli.jobs;

import io.robustlab.cli.ApiOptions;
import io.robustlab.cli.RobustLabCli;
import io.robustlab.cli.OutputFormat;
import io.robustlab.cli.TimeoutConverter;
import io.robustlab.cli.client.Job;
import io.robustlab.cli.client.JobWatcher;
import io.robustlab.cli.client.RobustLabApi;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code robustlab submit SPEC}: validates a spec, submits it and prints the job's id (or, waiting, its outcome). */
@Command(name = "submit", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = RobustLabCli.Version.class,
        description = {"Submit a Train or Evaluate spec (JSON, or YAML when the file ends in .yaml/.yml).",
                "The spec is validated first: a bad one is refused with every offending field, nothing is sent.",
                "Prints the job id on stdout (progress and messages go to stderr)."})
public final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
    Path spec;

    @Option(names = "--label", paramLabel = "KEY=VALUE",
            description = "Add a label to metadata.labels (repeatable; overrides the file's).")
    List<String> labels;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Sent as Idempotency-Key: submitting again with the same key and spec returns the same job.")
    String idempotencyKey;

    @Option(names = "--reuse", description = "Return a SUCCEEDED job of the project with the same spec hash "
            + "instead of running the spec again.")
    boolean reuse;

    @Option(names = "--no-validate", description = "Send the spec without validating it here (for an API newer "
            + "than this CLI); the API still validates it.")
    boolean noValidate;

    @Option(names = "--wait", description = "Wait until the job finishes; exit 0 when it SUCCEEDED, 4 when it "
            + "FAILED or was CANCELLED, 5 on timeout.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = TimeoutConverter.class,
            description = "With --wait: how long to wait (90s, 30m, 2h, 1h30m; default 1h).")
    Duration timeout;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the job id) or json (the job as the API shows it).")
    OutputFormat output;

    @Mixin
    ApiOptions apiOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JobText.requireWaitFor(await, timeout);
        SpecFile file = noValidate ? SpecFile.readUnchecked(spec, SpecFile.labels(labels))
                : SpecFile.read(spec, SpecFile.labels(labels));
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        RobustLabApi api = apiOptions.connect();

        JsonNode submitted = api.submit(file.json(), idempotencyKey, reuse);
        Job job = RobustLabApi.JSON.treeToValue(submitted, Job.class);
        err.println("robustlab: " + (job.reused() ? "reused finished " : "submitted ") + job.kind() + " job "
                + job.id() + " (" + job.status() + (job.waitsFor() == null ? ""
                : ", waits for Train job " + job.waitsFor()) + ")");
        if (!await) {
            print(out, submitted, job);
            return 0;
        }
        Job finished = new JobWatcher(api, err).await(job.id(), timeout == null ? Duration.ofHours(1) : timeout);
        print(out, output == OutputFormat.JSON ? api.jobJson(job.id()) : null, finished);
        return JobText.outcome(finished, err);
    }

    private void print(PrintWriter out, JsonNode json, Job job) {
        out.println(output == OutputFormat.JSON ? RobustLabApi.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(json) : job.id());
        out.flush();
    }
}
