package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

/**
 * The CI pipeline of docs/ci/github-actions-robustness-gate.yml against the running platform, with the CLI's jar as
 * a separate process: a bad spec refused before it is sent, a Train spec (JSON) submitted and waited for, an Evaluate
 * spec (YAML) on its model, the curves as CSV, then the gate with thresholds the model meets and with thresholds it
 * cannot meet (with its JUnit report), and an epsilon off the grid. What the CLI printed is compared with what the
 * API answers to {@link ApiClient}.
 */
@ExtendWith(PlatformExtension.class)
@Order(2)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CliGateIT {

    private static final Duration RUN = Duration.ofMinutes(4);

    @TempDir
    Path folder;

    @Test
    void trainsEvaluatesAndGatesAModelWithTheCli(Platform platform) throws Exception {
        TrainThenEvaluateIT.requireFashionMnist();
        platform.trainers(1);
        platform.attackers(1);
        ApiClient api = platform.api();
        CliProcess cli = new CliProcess(api.base(), api.key(), folder);

        Path bad = Files.writeString(folder.resolve("bad.json"),
                Specs.fashionMnistMlp(platform.run(), 1).replace("\"epochs\": 1", "\"epochs\": 0"));
        CliProcess.Result refused = cli.run(RUN, "submit", bad.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("is not a valid spec (1 problem)").contains("epochs: must be > 0");
        assertThat(refused.out()).isEmpty();

        Path trainSpec = Files.writeString(folder.resolve("train.json"), Specs.fashionMnistMlp(platform.run(), 1));
        CliProcess.Result trained = cli.run(RUN, "submit", trainSpec.toString(), "--label", "pipeline=cli-e2e",
                "--wait", "--timeout", "3m");
        assertThat(trained.exit()).as(trained.toString()).isZero();
        String train = trained.out().strip();
        assertThat(train).matches("[0-9a-f-]{36}");
        assertThat(trained.err()).contains("submitted Train job " + train).contains("→ SUCCEEDED");
        JsonNode trainJob = api.job(train);
        assertThat(trainJob.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(trainJob.path("labels").path("pipeline").asString()).isEqualTo("cli-e2e");

        Path evaluateSpec = Files.writeString(folder.resolve("evaluate.yaml"), """
                apiVersion: robustlab/v1
                kind: Evaluate
                metadata:
                  name: cli e2e gate
                  labels: {e2e: "%s"}
                model: {trainJob: %s}
                dataset: {name: fashion-mnist}
                samples: 100
                attacks:
                  - name: fgsm
                  - {name: linf-pgd, steps: 5}
                epsilons:
                  - values: [0, 0.05, 0.1]
                batchSize: 100
                seed: 3
                """.formatted(platform.run(), train));
        CliProcess.Result evaluated = cli.run(RUN, "submit", evaluateSpec.toString(), "--wait", "--output", "json");
        assertThat(evaluated.exit()).as(evaluated.toString()).isZero();
        JsonNode evaluateJob = ApiClient.JSON.readTree(evaluated.out());
        String evaluation = evaluateJob.path("id").asString();
        assertThat(evaluateJob.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(evaluateJob.path("kind").asString()).isEqualTo("Evaluate");
        assertThat(api.job(evaluation).path("status").asString()).isEqualTo("SUCCEEDED");

        CliProcess.Result status = cli.run(RUN, "status", evaluation);
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("status     SUCCEEDED").contains("\"cli e2e gate\"");

        // The CSV holds exactly the API's points.
        CliProcess.Result csv = cli.run(RUN, "curves", evaluation, "--format", "csv");
        assertThat(csv.exit()).isZero();
        List<String> rows = csv.out().lines().toList();
        assertThat(rows.getFirst()).isEqualTo("curve,kind,norm,epsilon,accuracy,samples");
        List<String> expected = new ArrayList<>();
        double clean = Double.NaN;
        double robust = Double.NaN;
        for (JsonNode curve : api.curves(evaluation).path("curves")) {
            for (JsonNode point : curve.path("points")) {
                String label = curve.path("label").asString();
                double epsilon = point.path("epsilon").asDouble();
                double accuracy = point.path("accuracy").asDouble();
                expected.add(String.join("|", label, curve.path("kind").asString(), curve.path("norm").asString(),
                        Double.toString(epsilon), Double.toString(accuracy), point.path("samples").asString()));
                if (label.equals("worst-case (all attacks)") && epsilon == 0) {
                    clean = accuracy;
                }
                if (label.equals("worst-case (all attacks)") && epsilon == 0.1) {
                    robust = accuracy;
                }
            }
        }
        assertThat(rows.subList(1, rows.size()).stream().map(CliGateIT::csvRow).toList())
                .containsExactlyElementsOf(expected);
        assertThat(expected).hasSize(4 * 3);
        assertThat(clean).as("clean accuracy of the worst case at ε = 0").isBetween(0.3, 1.0);
        assertThat(robust).as("an undefended MLP loses accuracy at ε = 0.1").isLessThan(clean);

        // Thresholds the model meets: exactly what it measured.
        Path passReport = folder.resolve("reports/pass.xml");
        CliProcess.Result pass = cli.run(RUN, "gate", evaluation, "--min-clean", Double.toString(clean),
                "--min-robust", Double.toString(robust), "--at-eps", "0.1", "--junit", passReport.toString());
        assertThat(pass.exit()).as(pass.toString()).isZero();
        assertThat(pass.out()).contains("gate PASSED: 2 of 2 checks met");
        Document passed = xml(passReport);
        assertThat(passed.getDocumentElement().getAttribute("tests")).isEqualTo("2");
        assertThat(passed.getElementsByTagName("failure").getLength()).isZero();

        // Thresholds it cannot meet: more robust accuracy at 0.1 than it measured.
        double unreachable = Math.min(1.0, BigDecimal.valueOf(robust).add(new BigDecimal("0.01")).doubleValue());
        Path failReport = folder.resolve("reports/fail.xml");
        CliProcess.Result fail = cli.run(RUN, "gate", evaluation, "--min-clean", "0.1", "--min-robust",
                Double.toString(unreachable), "--at-eps", "0.1", "--attack", "worst", "--junit",
                failReport.toString());
        assertThat(fail.exit()).as(fail.toString()).isEqualTo(1);
        assertThat(fail.out()).contains("PASS    clean accuracy")
                .contains("FAIL    robust accuracy at ε = 0.1 (worst-case (all attacks))")
                .contains(String.format(Locale.ROOT, "%.4f", robust))
                .contains("gate FAILED: 1 of 2 checks below the threshold");
        Document failed = xml(failReport);
        assertThat(failed.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(failed.getElementsByTagName("failure").getLength()).isEqualTo(1);
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name"))
                .startsWith("robust accuracy at ε = 0.1 (worst-case (all attacks)) >= ");
        assertThat(failure.getAttribute("message")).isEqualTo(String.format(Locale.ROOT,
                "measured %.4f < required %s", robust, BigDecimal.valueOf(unreachable)
                        .stripTrailingZeros().toPlainString()));

        CliProcess.Result offGrid = cli.run(RUN, "gate", evaluation, "--min-robust", "0.5", "--at-eps", "0.07");
        assertThat(offGrid.exit()).isEqualTo(2);
        assertThat(offGrid.err()).contains("ε = 0.07 is not on the epsilon grid").contains("it has: 0, 0.05, 0.1");

        CliProcess.Result waited = cli.run(RUN, "wait", evaluation, "--timeout", "1m");
        assertThat(waited.exit()).isZero();
        assertThat(waited.out().strip()).isEqualTo("SUCCEEDED");
    }

    /** A CSV row as {@code label|kind|norm|epsilon|accuracy|samples}, numbers as Java prints doubles. */
    private static String csvRow(String row) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        assertThat(fields).as(row).hasSize(6);
        return String.join("|", fields.get(0), fields.get(1), fields.get(2),
                Double.toString(Double.parseDouble(fields.get(3))), Double.toString(Double.parseDouble(fields.get(4))),
                fields.get(5));
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
