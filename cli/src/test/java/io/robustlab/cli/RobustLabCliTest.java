package io.robustlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.robustlab.cli.client.RobustLabApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;

/** The commands as a user runs them, in-process, against {@link FakeApi}: output, requests and exit codes. */
class RobustLabCliTest {

    private static final String JOB_PATH = "/api/v1/jobs/" + Fixtures.JOB;

    private final FakeApi api = new FakeApi();
    @TempDir
    Path folder;

    RobustLabCliTest() throws IOException {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** What one run of the CLI did. */
    record Run(int exit, String out, String err) {
    }

    @Test
    void submitSendsTheValidatedSpecWithTheKeyAndPrintsTheJobId() throws Exception {
        api.json("POST", "/api/v1/jobs", 201, Fixtures.job(Fixtures.JOB, "Evaluate", "QUEUED", null));
        Path spec = Files.writeString(folder.resolve("evaluate.yaml"), """
                apiVersion: robustlab/v1
                kind: Evaluate
                model: {trainJob: %s}
                dataset: {name: fashion-mnist}
                samples: 100
                attacks: [{name: fgsm}]
                epsilons: [{values: [0, 0.1]}]
                """.formatted(Fixtures.TRAIN_JOB));

        Run run = cli("submit", spec.toString(), "--label", "ci=yes", "--idempotency-key", "build-7", "--reuse");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(Fixtures.JOB + "\n");
        assertThat(run.err()).contains("submitted Evaluate job " + Fixtures.JOB + " (QUEUED)");
        FakeApi.Request sent = api.requests().getFirst();
        assertThat(sent.path()).isEqualTo("/api/v1/jobs?reuse=true");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer rl_test");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("Idempotency-Key")).isEqualTo("build-7");
        JsonNode body = RobustLabApi.JSON.readTree(sent.body());
        assertThat(body.path("model").path("trainJob").asString()).isEqualTo(Fixtures.TRAIN_JOB);
        assertThat(body.path("metadata").path("labels").path("ci").asString()).isEqualTo("yes");
        assertThat(body.path("epsilons").get(0).path("values").get(1).asDouble()).isEqualTo(0.1);
    }

    @Test
    void aBadSpecIsRefusedBeforeAnyRequest() throws Exception {
        Path spec = Files.writeString(folder.resolve("bad.json"), """
                {"apiVersion": "robustlab/v1", "kind": "Evaluate", "model": {"trainJob": "x"},
                 "dataset": {"name": "fashion-mnist"}, "attacks": [{"name": "fgsm", "steps": 3}],
                 "epsilons": [{"values": [0.1, 0]}]}
                """);

        Run run = cli("submit", spec.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is not a valid spec").contains("attacks[0].steps: applies only to")
                .contains("epsilons[0].values");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aProblemFromTheApiIsPrintedWithItsFieldsAndExitsThree() throws Exception {
        api.json("POST", "/api/v1/jobs", 400, """
                {"type": "https://robustlab.io/problems/invalid-spec", "title": "The spec is invalid", "status": 400,
                 "detail": "model.trainJob names no Train job of this project",
                 "errors": [{"field": "model.trainJob", "message": "names no Train job of this project"}]}
                """);
        Path spec = Files.copy(Path.of("..", "examples", "train-mlp-gaussian.json"), folder.resolve("t.json"));

        Run run = cli("submit", spec.toString());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("robustlab: submit the spec: The spec is invalid (HTTP 400)")
                .contains("  model.trainJob: names no Train job of this project");
    }

    @Test
    void withoutLocalValidationTheApiJudgesTheSpec() throws Exception {
        api.json("POST", "/api/v1/jobs", 400, """
                {"title": "The spec is invalid", "status": 400, "detail": "precision is not a known field",
                 "errors": [{"field": "precision", "message": "is not a known field"}]}
                """);
        String newer = Files.readString(Path.of("..", "examples", "train-mlp-gaussian.json"))
                .replaceFirst("\\{", "{\"precision\": \"bf16\", ");
        Path spec = Files.writeString(folder.resolve("newer.json"), newer);

        Run local = cli("submit", spec.toString());
        assertThat(local.exit()).isEqualTo(2);
        assertThat(api.requests()).isEmpty();

        Run remote = cli("submit", spec.toString(), "--no-validate");
        assertThat(remote.exit()).isEqualTo(3);
        assertThat(api.requests()).singleElement().satisfies(sent -> assertThat(sent.body()).isEqualTo(newer));
        assertThat(remote.err()).contains("  precision: is not a known field");
    }

    @Test
    void statusShowsTheJobAndItsFailureReason() {
        api.json("GET", JOB_PATH, 200, Fixtures.job(Fixtures.JOB, "Train", "FAILED", "dataset cifar10 is missing"));

        Run text = cli("status", Fixtures.JOB);
        Run json = cli("status", Fixtures.JOB, "--output", "json");

        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("job        " + Fixtures.JOB)
                .contains("kind       Train  \"nightly\"")
                .contains("status     FAILED, attempt 1 of 3")
                .contains("reason     dataset cifar10 is missing")
                .contains("labels     ci=yes");
        assertThat(RobustLabApi.JSON.readTree(json.out()).path("someFieldAddedLater").path("x").asInt()).isEqualTo(1);
    }

    @Test
    void waitExitsFourWhenTheJobFailed() {
        api.json("GET", JOB_PATH, 200, Fixtures.job(Fixtures.JOB, "Train", "FAILED", "out of memory"));

        Run run = cli("wait", Fixtures.JOB, "--timeout", "30s");

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.out()).isEqualTo("FAILED\n");
        assertThat(run.err()).contains("job " + Fixtures.JOB + " FAILED: out of memory");
    }

    @Test
    void curvesAsCsvOfOneAttack() {
        api.json("GET", JOB_PATH + "/curves", 200, Fixtures.curves(Fixtures.JOB));

        Run run = cli("curves", Fixtures.JOB, "--format", "csv", "--attack", "linf-pgd");
        Run json = cli("curves", Fixtures.JOB, "--format", "JSON", "--attack", "worst");

        assertThat(run.exit()).isZero();
        assertThat(run.out().split("\r\n")).containsExactly("curve,kind,norm,epsilon,accuracy,samples",
                "linf-pgd (L∞),attack,linf,0,0.9,100", "linf-pgd (L∞),attack,linf,0.05,0.6,100",
                "linf-pgd (L∞),attack,linf,0.1,0.42,100");
        JsonNode curves = RobustLabApi.JSON.readTree(json.out()).path("curves");
        assertThat(curves.size()).isEqualTo(1);
        assertThat(curves.get(0).path("label").asString()).isEqualTo("worst-case (all attacks)");
    }

    @Test
    void gateFailsWithATableAndAJUnitReportWhenRobustAccuracyFallsShort() throws Exception {
        evaluateJobSucceeded();
        Path report = folder.resolve("reports/robustness.xml");

        Run run = cli("gate", Fixtures.JOB, "--min-clean", "0.85", "--min-robust", "0.6", "--at-eps", "0.1",
                "--junit", report.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("PASS    clean accuracy").contains("FAIL    robust accuracy at ε = 0.1")
                .contains("gate FAILED: 1 of 2 checks below the threshold");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message")
                .getNodeValue()).isEqualTo("measured 0.4000 < required 0.6");
    }

    @Test
    void gatePassesWhenEveryThresholdIsMet() {
        evaluateJobSucceeded();

        Run run = cli("gate", Fixtures.JOB, "--min-clean", "0.9", "--min-robust", "0.55", "--at-eps", "0.1",
                "--attack", "fgsm");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("gate PASSED: 2 of 2 checks met");
    }

    @Test
    void gateRefusesAnEpsilonOffTheGridAJobOfTheWrongKindAndAFailedJob() {
        evaluateJobSucceeded();
        Run offGrid = cli("gate", Fixtures.JOB, "--min-robust", "0.5", "--at-eps", "0.2");
        assertThat(offGrid.exit()).isEqualTo(2);
        assertThat(offGrid.err()).contains("ε = 0.2 is not on the epsilon grid").contains("it has: 0, 0.05, 0.1");

        api.json("GET", JOB_PATH, 200, Fixtures.job(Fixtures.JOB, "Train", "SUCCEEDED", null));
        Run train = cli("gate", Fixtures.JOB, "--min-clean", "0.5");
        assertThat(train.exit()).isEqualTo(2);
        assertThat(train.err()).contains("is a Train job; the gate checks an Evaluate job's results");

        api.json("GET", JOB_PATH, 200, Fixtures.job(Fixtures.JOB, "Evaluate", "FAILED", "model not found"));
        Run failed = cli("gate", Fixtures.JOB, "--min-clean", "0.5");
        assertThat(failed.exit()).isEqualTo(4);
        assertThat(failed.err()).contains("FAILED: model not found; there is nothing to gate");

        api.json("GET", JOB_PATH, 200, Fixtures.job(Fixtures.JOB, "Evaluate", "RUNNING", null));
        Run running = cli("gate", Fixtures.JOB, "--min-clean", "0.5");
        assertThat(running.exit()).isEqualTo(2);
        assertThat(running.err()).contains("is RUNNING; gate a finished job");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(cli().exit()).isEqualTo(2);
        Run unknown = cli("status", Fixtures.JOB, "--colour");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--colour'");
        Run notAnId = cli("status", "my-job");
        assertThat(notAnId.exit()).isEqualTo(2);
        assertThat(notAnId.err()).contains("'my-job' is not a job id");
        Run timeoutAlone = cli("submit", "../examples/train-mlp-gaussian.json", "--timeout", "5m");
        assertThat(timeoutAlone.exit()).isEqualTo(2);
        assertThat(timeoutAlone.err()).contains("--timeout applies only with --wait");
        Run badTimeout = cli("wait", Fixtures.JOB, "--timeout", "soon");
        assertThat(badTimeout.exit()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("'soon' is not a positive duration");
        Run badFormat = cli("curves", Fixtures.JOB, "--format", "xml");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void anUnreachableApiExitsThreeAndSaysWhereItLooked() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = RobustLabCliTest.run("status", Fixtures.JOB, "--api-url", "http://127.0.0.1:" + port);
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("cannot reach the RobustLab API at http://127.0.0.1:" + port + "/")
                .contains("--api-url or ROBUSTLAB_API_URL");
        Run notHttp = RobustLabCliTest.run("status", Fixtures.JOB, "--api-url", "localhost:8080");
        assertThat(notHttp.exit()).isEqualTo(2);
        assertThat(notHttp.err()).contains("is not an http(s) address");
    }

    private void evaluateJobSucceeded() {
        api.json("GET", JOB_PATH, 200, Fixtures.job(Fixtures.JOB, "Evaluate", "SUCCEEDED", null));
        api.json("GET", JOB_PATH + "/curves", 200, Fixtures.curves(Fixtures.JOB));
    }

    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty()) {
            all.addAll(List.of("--api-url", api.url().toString(), "--api-key", "rl_test"));
        }
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RobustLabCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString().replace(System.lineSeparator(), "\n").replace("\r\n", "\r\n"),
                err.toString());
    }
}
