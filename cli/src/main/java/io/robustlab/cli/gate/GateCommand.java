package io.robustlab.cli.gate;

import io.robustlab.cli.ApiOptions;
import io.robustlab.cli.RobustLabCli;
import io.robustlab.cli.CliException;
import io.robustlab.cli.Exit;
import io.robustlab.cli.client.Job;
import io.robustlab.cli.client.RobustLabApi;
import io.robustlab.cli.results.CurveChoice;
import io.robustlab.cli.results.RobustnessCurves;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code robustlab gate JOB}: fails a CI step when a model's clean or robust accuracy falls short. */
@Command(name = "gate", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = RobustLabCli.Version.class,
        description = {"Check a SUCCEEDED Evaluate job against thresholds; print a summary table.",
                "Exit 0 when every check passes, 1 when one falls short, 2 for an epsilon not on the job's grid or a "
                        + "job that is not a finished Evaluate job, 4 when the job FAILED or was CANCELLED."})
public final class GateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB", description = "The Evaluate job's id.")
    String job;

    @Option(names = "--min-clean", paramLabel = "ACCURACY",
            description = "The least clean accuracy (ε = 0), e.g. 0.95.")
    Double minClean;

    @Option(names = "--min-robust", paramLabel = "ACCURACY",
            description = "The least robust accuracy at --at-eps, e.g. 0.6.")
    Double minRobust;

    @Option(names = "--at-eps", paramLabel = "EPSILON",
            description = "Where robust accuracy is checked; must be a point of the job's epsilon grid.")
    Double atEpsilon;

    @Option(names = "--attack", paramLabel = "NAME", defaultValue = CurveChoice.WORST,
            description = "The curve: worst (worst case over all attacks; default), worst-linf, worst-l2, or one "
                    + "attack's name (linf-pgd) or label.")
    String attack;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write a JUnit XML report: one testcase per check, a failure for each shortfall.")
    Path junit;

    @Mixin
    ApiOptions apiOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        String id = RobustLabApi.requireJobId(job);
        GateThresholds thresholds = new GateThresholds(minClean, minRobust, atEpsilon, attack);
        RobustLabApi api = apiOptions.connect();
        Job evaluated = api.job(id);
        requireFinishedEvaluation(evaluated);
        RobustnessCurves curves = RobustnessCurves.of(api.curves(id));
        GateVerdict verdict = Gate.judge(id, evaluated.name(), curves, thresholds, () -> cleanAccuracy(api, id));

        PrintWriter out = command.commandLine().getOut();
        out.print(GateSummary.render(verdict));
        out.flush();
        if (junit != null) {
            JUnitReport.write(verdict, junit, Instant.now());
            command.commandLine().getErr().println("robustlab: JUnit report written to " + junit);
        }
        return verdict.passed() ? Exit.OK.code() : Exit.GATE_FAILED.code();
    }

    private static void requireFinishedEvaluation(Job job) {
        if (!"Evaluate".equals(job.kind())) {
            throw new CliException(Exit.USAGE, "job " + job.id() + " is a " + job.kind()
                    + " job; the gate checks an Evaluate job's results");
        }
        if (job.finished() && !job.succeeded()) {
            throw new CliException(Exit.JOB_FAILED, "job " + job.id() + " " + job.status()
                    + (job.failureReason() == null ? "" : ": " + job.failureReason()) + "; there is nothing to gate");
        }
        if (!job.finished()) {
            throw new CliException(Exit.USAGE, "job " + job.id() + " is " + job.status()
                    + "; gate a finished job (robustlab wait " + job.id() + " first)");
        }
    }

    /** The clean accuracy result.json reports, for a grid without ε = 0. */
    private static Gate.CleanAccuracy cleanAccuracy(RobustLabApi api, String id) {
        JsonNode result = RobustLabApi.JSON.readTree(api.artifact(id, "result.json"));
        if (!result.path("cleanAccuracy").isNumber()) {
            throw new CliException(Exit.API_ERROR, "result.json of job " + id + " has no cleanAccuracy");
        }
        return new Gate.CleanAccuracy(result.path("cleanAccuracy").asDouble(), result.path("samples").asInt(),
                "result.json cleanAccuracy (the grid has no ε = 0)");
    }
}
