package io.robustlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;

/**
 * The web dashboard in a real headless Chromium (Debian's {@code chromium}, driven by {@code playwright-core} from
 * {@code web-ui/e2e/dashboard.mjs}) against this run's API and workers: a Train job submitted from the form appears
 * in the jobs list and changes status live, and so do the 5 jobs of a grid submitted next (over the one project
 * stream, without a read of the list); its model is evaluated from its page; the evaluation's robustness chart
 * has one series per curve the API measured; two evaluations are compared. The script checks what the page shows and
 * writes a report; this test runs it and asserts on the report. Screenshots (light and dark) are kept in
 * {@code e2e/target/screenshots/}.
 *
 * <p>Without Chromium, node or web-ui's installed packages the test is skipped with the reason; under
 * {@code CI=true} it fails.
 */
@ExtendWith(DashboardIT.RequiresBrowser.class)
@ExtendWith(PlatformExtension.class)
@Order(1)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DashboardIT {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(7);

    private static Path webUi;
    private static String node;

    /** Checks for the browser before the platform starts, so that a missing one is a skipped test with its reason. */
    static final class RequiresBrowser implements BeforeEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            requireBrowser();
        }
    }

    private static void requireBrowser() {
        webUi = Path.of(System.getProperty("robustlab.e2e.web-ui", "../web-ui")).toAbsolutePath().normalize();
        node = onPath("node");
        if (!Files.isExecutable(CHROMIUM)) {
            missing("no Chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run installs it)");
        }
        if (node == null) {
            missing("no node on the PATH");
        }
        if (!Files.isDirectory(webUi.resolve("node_modules/playwright-core"))) {
            missing("web-ui's packages are not installed (" + webUi.resolve("node_modules")
                    + "): build web-ui first, or run npm ci there");
        }
    }

    @Test
    void aResearcherSubmitsWatchesEvaluatesAndCompares(Platform platform) throws Exception {
        requireFashionMnist();
        platform.trainers(1);
        platform.attackers(1);
        Path out = Path.of(System.getProperty("robustlab.e2e.screenshots", "target/screenshots")).toAbsolutePath();
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("report.json"));

        ProcessBuilder builder = new ProcessBuilder(node, webUi.resolve("e2e/dashboard.mjs").toString())
                .directory(webUi.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("dashboard.log").toFile());
        builder.environment().put("ROBUSTLAB_UI_URL", "http://127.0.0.1:" + platform.apiProcess().port());
        builder.environment().put("ROBUSTLAB_UI_KEY", platform.api().key());
        builder.environment().put("ROBUSTLAB_UI_OUT", out.toString());
        builder.environment().put("ROBUSTLAB_UI_RUN", platform.run());
        builder.environment().put("CHROMIUM", CHROMIUM.toString());
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        long begin = System.nanoTime();
        Process script = builder.start();
        boolean ended = script.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.readString(out.resolve("dashboard.log"));
        System.out.printf("[e2e] dashboard script: %.1f s%n%s%n", (System.nanoTime() - begin) / 1e9, log);
        assertThat(ended).as("the browser script ended within %s", SCRIPT_TIMEOUT).isTrue();

        JsonNode report = ApiClient.JSON.readTree(Files.readString(out.resolve("report.json")));
        List<String> failed = new ArrayList<>();
        for (JsonNode check : report.path("checks")) {
            if (!check.path("ok").asBoolean()) {
                failed.add(check.path("name").asString() + ": " + check.path("detail"));
            }
        }
        assertThat(report.path("error").isMissingNode()).as("the script ran to its end: %s", report.path("error"))
                .isTrue();
        assertThat(failed).as("checks that failed in the browser").isEmpty();
        List<String> names = new ArrayList<>();
        report.path("checks").forEach(check -> names.add(check.path("name").asString()));
        assertThat(names).as("the checks this test relies on ran").contains(
                "status changes came over the live stream",
                "every grid row showed its final status, set by the live stream",
                "the list was not read again meanwhile",
                "the robustness chart has one series per curve of the API, in its order",
                "the compare view shows both jobs",
                "their robustness curves are overlaid");
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(script.exitValue()).isZero();

        // What the browser saw is what the API has: the jobs it submitted exist, with the form's values.
        JsonNode train = platform.api().job(report.path("jobs").path("train").asString());
        assertThat(train.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(train.path("spec").path("model").path("hidden").toString()).isEqualTo("[64]");
        JsonNode evaluation = platform.api().job(report.path("jobs").path("evaluation").asString());
        assertThat(evaluation.path("spec").path("model").path("trainJob").asString()).isEqualTo(train.path("id").asString());
        for (String screenshot : List.of("jobs-list-light", "job-page-evaluation-light", "compare-light",
                "job-page-evaluation-dark", "compare-dark")) {
            assertThat(out.resolve(screenshot + ".png")).isNotEmptyFile();
        }
    }


    private static void missing(String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + what + ": the browser test needs it");
        }
        throw new TestAbortedException(what + ": browser test skipped");
    }

    private static String onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, command)).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElse(null);
    }

    /** As TrainThenEvaluateIT's (private there): the workers find Fashion-MNIST in these folders. */
    private static void requireFashionMnist() {
        String dataDir = System.getenv("ROBUSTLAB_DATA_DIR");
        List<Path> folders = Stream.of(dataDir == null ? null : Path.of(dataDir, "fashion-mnist"),
                        Path.of(System.getProperty("user.home"), ".robustlab", "data", "fashion-mnist"),
                        Path.of("/usr/share/datasets/fashion-mnist"))
                .filter(java.util.Objects::nonNull).toList();
        if (folders.stream().noneMatch(folder -> Files.exists(folder.resolve("train-images-idx3-ubyte.gz"))
                || Files.exists(folder.resolve("train-images-idx3-ubyte")))) {
            missing("Fashion-MNIST is not installed in any of " + folders + " (apt-get install dataset-fashion-mnist)");
        }
    }
}
