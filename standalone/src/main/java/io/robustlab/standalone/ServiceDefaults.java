package io.robustlab.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Finds each service's own {@code application.yml} on the shared class path. The three services each ship one at
 * the root of their jar, so in one JVM {@code classpath:application.yml} would give every context the first of
 * them; each file is told apart by its {@code spring.application.name} and handed to its context as its only
 * configuration file ({@code spring.config.location}), so each service keeps exactly the defaults and the
 * {@code ROBUSTLAB_…} variables it has when it runs on its own.
 */
final class ServiceDefaults {

    private ServiceDefaults() {
    }

    /** The URL of the {@code application.yml} whose {@code spring.application.name} is {@code applicationName}. */
    static String locate(String applicationName) {
        List<String> names = new ArrayList<>();
        try {
            for (URL url : Collections.list(ServiceDefaults.class.getClassLoader().getResources("application.yml"))) {
                String name = applicationName(url);
                if (applicationName.equals(name)) {
                    return url.toExternalForm();
                }
                names.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the services' application.yml files", e);
        }
        throw new IllegalStateException("no application.yml of " + applicationName + " on the class path (found "
                + names + "): is the standalone jar complete?");
    }

    @SuppressWarnings("unchecked")
    private static String applicationName(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            // The first document holds the defaults; later ones are profile sections.
            Object document = new Yaml(new LoaderOptions()).loadAll(in).iterator().next();
            if (!(document instanceof Map<?, ?> root) || !(root.get("spring") instanceof Map<?, ?> spring)
                    || !(spring.get("application") instanceof Map<?, ?> application)) {
                return null;
            }
            Object name = ((Map<String, Object>) application).get("name");
            return name == null ? null : name.toString();
        }
    }
}
