package io.robustlab.cli.results;

import io.robustlab.cli.ApiOptions;
import io.robustlab.cli.RobustLabCli;
import io.robustlab.cli.client.RobustLabApi;
import io.robustlab.cli.results.RobustnessCurves.Curve;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code robustlab curves JOB}: an Evaluate job's robustness curves, on stdout. */
@Command(name = "curves", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = RobustLabCli.Version.class,
        description = {"Print an Evaluate job's robustness curves: accuracy against epsilon per attack and worst case.",
                "csv: one row per point (curve,kind,norm,epsilon,accuracy,samples).",
                "json: the API's answer, with the corruption and weight-noise tables."})
public final class CurvesCommand implements Callable<Integer> {

    enum Format { CSV, JSON }

    @Parameters(index = "0", paramLabel = "JOB", description = "The Evaluate job's id.")
    String job;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv or json.")
    Format format;

    @Option(names = "--attack", paramLabel = "NAME",
            description = "Only this curve: worst (over all attacks), worst-linf, worst-l2, or an attack's name "
                    + "(linf-pgd) or label.")
    String attack;

    @Mixin
    ApiOptions apiOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        String id = RobustLabApi.requireJobId(job);
        JsonNode answer = apiOptions.connect().curves(id);
        RobustnessCurves curves = RobustnessCurves.of(answer);
        Curve chosen = attack == null ? null : CurveChoice.pick(curves, attack);
        PrintWriter out = command.commandLine().getOut();
        if (format == Format.CSV) {
            out.print(CurveCsv.write(chosen == null ? curves.curves() : List.of(chosen)));
        } else {
            out.println(RobustLabApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                    chosen == null ? answer : only(answer, chosen)));
        }
        out.flush();
        return 0;
    }

    /** The answer with only the chosen curve. */
    private static JsonNode only(JsonNode answer, Curve chosen) {
        ObjectNode copy = (ObjectNode) answer.deepCopy();
        ArrayNode curves = copy.putArray("curves");
        for (JsonNode curve : answer.path("curves")) {
            if (curve.path("label").asString().equals(chosen.label())) {
                curves.add(curve);
            }
        }
        return copy;
    }
}
