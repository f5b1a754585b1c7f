package io.robustlab.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command-line client as a CI step runs it: {@code java -jar robustlab-cli-<version>.jar …}, a process of its own,
 * configured by {@code ROBUSTLAB_API_URL} and {@code ROBUSTLAB_API_KEY}. Each run's stdout and stderr are kept in
 * files of the folder given, named after the run.
 */
final class CliProcess {

    private final Path jar;
    private final URI api;
    private final String key;
    private final Path folder;
    private final AtomicInteger runs = new AtomicInteger();

    CliProcess(URI api, String key, Path folder) {
        this.jar = jar();
        this.api = api;
        this.key = key;
        this.folder = folder;
    }

    /** What one run printed and how it ended. */
    record Result(List<String> command, int exit, String out, String err) {
        @Override
        public String toString() {
            return "robustlab " + String.join(" ", command) + " → exit " + exit + "\n--- stdout:\n" + out
                    + "--- stderr:\n" + err;
        }
    }

    /** Runs {@code robustlab args…} to its end (at most {@code timeout}), and prints what it did to the test log. */
    Result run(Duration timeout, String... args) {
        int run = runs.incrementAndGet();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = folder.resolve("cli-" + run + ".out");
        Path err = folder.resolve("cli-" + run + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ROBUSTLAB_"));
        builder.environment().put("ROBUSTLAB_API_URL", api.toString());
        builder.environment().put("ROBUSTLAB_API_KEY", key);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("robustlab " + String.join(" ", args) + " did not end within "
                        + timeout.toSeconds() + " s; stderr so far:\n" + Files.readString(err));
            }
            Result result = new Result(List.of(args), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            System.out.println("[e2e] " + result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The jar failsafe names ({@code robustlab.e2e.cli-jar}), or, run from an IDE, the one in ../cli/target. */
    private static Path jar() {
        String configured = System.getProperty("robustlab.e2e.cli-jar");
        if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
            Path jar = Path.of(configured);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            throw new IllegalStateException("the CLI's jar " + jar + " does not exist");
        }
        Path target = Path.of("..", "cli", "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "robustlab-cli-*.jar")) {
            for (Path jar : found) {
                return jar;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("no robustlab-cli jar in " + target
                + ": build it first (./mvnw -pl e2e -am verify builds everything the tests run)");
    }
}
