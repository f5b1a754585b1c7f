package io.robustlab.cli.jobs;

import io.robustlab.cli.ApiOptions;
import io.robustlab.cli.RobustLabCli;
import io.robustlab.cli.OutputFormat;
import io.robustlab.cli.TimeoutConverter;
import io.robustlab.cli.client.Job;
import io.robustlab.cli.client.JobWatcher;
import io.robustlab.cli.client.RobustLabApi;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code robustlab wait JOB}: follows a job's live events until it finishes; the exit code says how. */
@Command(name = "wait", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = RobustLabCli.Version.class,
        description = {"Wait until a job finishes, showing its progress on stderr (from the API's live events).",
                "Exit 0 when it SUCCEEDED, 4 when it FAILED or was CANCELLED, 5 when the timeout passed first."})
public final class WaitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
    String job;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = TimeoutConverter.class, defaultValue = "1h",
            description = "How long to wait (90s, 30m, 2h, 1h30m; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the final status) or json (the finished job as the API shows it).")
    OutputFormat output;

    @Mixin
    ApiOptions apiOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        String id = RobustLabApi.requireJobId(job);
        RobustLabApi api = apiOptions.connect();
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Job finished = new JobWatcher(api, err).await(id, timeout);
        out.println(output == OutputFormat.JSON
                ? RobustLabApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(api.jobJson(id))
                : finished.status());
        out.flush();
        return JobText.outcome(finished, err);
    }
}
