package io.robustlab.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository the tests check, and the one YAML reader they use (SnakeYAML: it resolves {@code <<} merge keys). */
final class Repository {

    private Repository() {
    }

    /** The repository root: set by the build ({@code robustlab.repository}), else the parent of the module. */
    static Path root() {
        String configured = System.getProperty("robustlab.repository");
        Path root = (configured == null ? Path.of("..") : Path.of(configured)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("no docker-compose.yml in " + root + ": run the tests from the deploy-check "
                    + "module or set -Drobustlab.repository");
        }
        return root;
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document as maps, lists and scalars. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalStateException(file + " is not a YAML mapping");
        }
        return (Map<String, Object>) document;
    }

    /**
     * The defaults of a Spring {@code application.yml}: its first document (later ones, after {@code ---}, are
     * profile sections such as the API's {@code embedded-broker}).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> springDefaults(Path file) {
        Iterator<Object> documents = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file)).iterator();
        Object first = documents.hasNext() ? documents.next() : null;
        if (!(first instanceof Map<?, ?>)) {
            throw new IllegalStateException(file + " does not start with a YAML mapping");
        }
        return (Map<String, Object>) first;
    }

    /** The project's version, as the build passes it. */
    static String version() {
        return System.getProperty("robustlab.version", "0.1.0-SNAPSHOT");
    }

    /** Whether the tests run in CI, where anything a test needs must be there. */
    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
