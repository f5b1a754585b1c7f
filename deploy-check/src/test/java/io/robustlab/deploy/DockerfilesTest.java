package io.robustlab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The services' Dockerfiles, read as text (no Docker engine here to build them): multi-stage, a JRE runtime as a
 * non-root user, the jar the Maven build makes, the service's port, and for the workers the JVM flags and
 * environment of the ./robustlab launcher plus the DJL warm-up that puts the native library into the image.
 */
class DockerfilesTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+)(?: AS (\\S+))?$");
    private static final Pattern LAUNCHER_DEFAULT = Pattern.compile("([A-Z_]+)=\"\\$\\{\\1:-([^}]*)}\"");
    private static final Pattern ENV_ENTRY = Pattern.compile("(?:ENV |\\\\\\n\\s+)([A-Z][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)");

    @Test
    void everyServiceIsBuiltOnAJdkAndRunsAsANonRootUserOnAJre() {
        for (Service service : Service.all()) {
            String dockerfile = dockerfile(service);
            List<String[]> stages = stages(dockerfile);
            assertThat(stages).as(service.dockerfile() + " stages").hasSizeGreaterThanOrEqualTo(2);
            String[] build = stages.get(stages.size() - 2);
            assertThat(build[0]).startsWith("eclipse-temurin:21-jdk");
            assertThat(build[1]).isEqualTo("build");
            assertThat(stages.getLast()[0]).as("runtime image").startsWith("eclipse-temurin:21-jre");
            if (Repository.read(Repository.file(service.name() + "/pom.xml")).contains("<artifactId>web-ui</artifactId>")) {
                // The web UI is built by npm inside the Maven build: the build stage needs node and npm.
                assertThat(dockerfile).as(service.name() + " builds the web UI").contains("npm --version")
                        .contains("--mount=type=cache,target=/root/.npm");
            }
            String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
            assertThat(runtime).as(service.name() + " runtime user").containsPattern("(?m)^USER [1-9]\\d*:[1-9]\\d*$");
            assertThat(dockerfile).contains("./mvnw -B -q -pl " + service.name() + " -am package -DskipTests")
                    .contains("--mount=type=cache,target=/root/.m2")
                    .contains(service.name() + "/target/" + service.name() + "-*-exec.jar");
            assertThat(Repository.read(Repository.file(service.name() + "/pom.xml")))
                    .as("the exec jar the Dockerfile extracts").contains("<classifier>exec</classifier>");
        }
    }

    @Test
    void everyImageListensAndIsCheckedOnItsServicesPort() {
        for (Service service : Service.all()) {
            String dockerfile = dockerfile(service);
            assertThat(dockerfile).as(service.name()).contains("EXPOSE " + service.port() + "\n")
                    .contains("http://localhost:" + service.port() + "/actuator/health/readiness");
            assertThat(env(dockerfile)).as(service.name()).containsEntry(service.portVariable(),
                    Integer.toString(service.port()));
            assertThat(env(dockerfile).keySet()).as(service.name() + ": variables it does not read")
                    .isSubsetOf(ServiceConfiguration.variables(service));
        }
    }

    @Test
    void workersStartLikeTheLauncherStartsThemWithTheLibraryInTheImage() {
        String launcher = Repository.read(Repository.file("robustlab"));
        String workerLine = launcher.lines().filter(l -> l.contains("-Dai.djl.offline=true") && l.contains("exec"))
                .findFirst().orElseThrow();
        List<String> flags = List.of(workerLine.trim().split("\\s+")).stream()
                .filter(token -> token.startsWith("--enable-native-access") || token.startsWith("-Dai.djl")).toList();
        assertThat(flags).contains("--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true");
        Map<String, String> launcherDefaults = new LinkedHashMap<>();
        Matcher defaults = LAUNCHER_DEFAULT.matcher(launcher);
        while (defaults.find()) {
            launcherDefaults.put(defaults.group(1), defaults.group(2));
        }
        assertThat(launcherDefaults).containsKeys("OMP_DYNAMIC", "MKL_DYNAMIC");
        launcherDefaults.remove("DJL_CACHE_DIR");

        for (Service worker : Service.workers()) {
            String dockerfile = dockerfile(worker);
            String entrypoint = dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
            flags.forEach(flag -> assertThat(entrypoint).as(worker.name()).contains("\"" + flag + "\""));
            Map<String, String> env = env(dockerfile);
            assertThat(env).as(worker.name() + ": the launcher's environment").containsAllEntriesOf(launcherDefaults);
            String cache = env.get("DJL_CACHE_DIR");
            assertThat(cache).as(worker.name() + " DJL_CACHE_DIR").isNotBlank();
            assertThat(dockerfile).as(worker.name() + ": the warm-up runs at build time into the cache it copies")
                    .contains("ENV DJL_CACHE_DIR=" + cache + "\n")
                    .contains("docker/djl-warmup/DjlWarmUp.java")
                    .contains("COPY --from=build --chown=10001:10001 " + cache + " " + cache)
                    .contains("ARG PYTORCH_FLAVOR=cpu");
            assertThat(Repository.file("docker/djl-warmup/DjlWarmUp.java")).isRegularFile();
        }
        String api = dockerfile(Service.named("api-service"));
        assertThat(api).as("the API never loads PyTorch").doesNotContain("DjlWarmUp").doesNotContain("DJL_CACHE_DIR");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndHistory() {
        List<String> ignored = Repository.read(Repository.file(".dockerignore")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(ignored).contains(".git", "**/target", "**/node_modules", ".env");
    }

    private static String dockerfile(Service service) {
        return Repository.read(Repository.file(service.dockerfile()));
    }

    private static List<String[]> stages(String dockerfile) {
        List<String[]> stages = new ArrayList<>();
        Matcher from = FROM.matcher(dockerfile);
        while (from.find()) {
            stages.add(new String[] {from.group(1), from.group(2)});
        }
        return stages;
    }

    /** The ENV settings of the runtime stage (the last one): one ENV instruction, continued over lines. */
    private static Map<String, String> env(String dockerfile) {
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        int start = runtime.indexOf("\nENV ");
        assertThat(start).as("an ENV instruction in the runtime stage").isPositive();
        StringBuilder instruction = new StringBuilder();
        for (String line : runtime.substring(start + 1).lines().toList()) {
            instruction.append(line).append('\n');
            if (!line.endsWith("\\")) {
                break;
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        Matcher entry = ENV_ENTRY.matcher(instruction);
        while (entry.find()) {
            env.put(entry.group(1), entry.group(2).replace("\"", ""));
        }
        return env;
    }
}
