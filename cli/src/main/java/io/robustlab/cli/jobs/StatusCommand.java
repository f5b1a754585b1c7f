package io.robustlab.cli.jobs;

import io.robustlab.cli.ApiOptions;
import io.robustlab.cli.RobustLabCli;
import io.robustlab.cli.OutputFormat;
import io.robustlab.cli.client.Job;
import io.robustlab.cli.client.RobustLabApi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code robustlab status JOB}: where a job is. */
@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = RobustLabCli.Version.class,
        description = {"Show a job: status, attempt, progress, worker, times, failure reason.",
                "Exits 0 whatever the job's status (use wait to act on it)."})
public final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
    String job;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (the job as the API shows it, with its spec and timeline).")
    OutputFormat output;

    @Mixin
    ApiOptions apiOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        String id = RobustLabApi.requireJobId(job);
        JsonNode json = apiOptions.connect().jobJson(id);
        PrintWriter out = command.commandLine().getOut();
        out.print(output == OutputFormat.JSON
                ? RobustLabApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + System.lineSeparator()
                : JobText.describe(RobustLabApi.JSON.treeToValue(json, Job.class)));
        out.flush();
        return 0;
    }
}
