package io.robustlab.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of RobustLab's three deployable services, with what its {@code application.yml} says about its HTTP port.
 *
 * @param name       the module and image name, e.g. {@code trainer-service}
 * @param worker     whether it runs jobs (and so loads PyTorch)
 * @param portVariable the environment variable of its port, e.g. {@code ROBUSTLAB_TRAINER_PORT}
 * @param port       its default port
 */
record Service(String name, boolean worker, String portVariable, int port) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");

    static final List<String> NAMES = List.of("api-service", "trainer-service", "attack-service");

    static List<Service> all() {
        return NAMES.stream().map(Service::read).toList();
    }

    static Service named(String name) {
        return all().stream().filter(service -> service.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    static List<Service> workers() {
        return all().stream().filter(Service::worker).toList();
    }

    /** The service as its application.yml declares it: {@code server.port: ${VARIABLE:default}}. */
    @SuppressWarnings("unchecked")
    static Service read(String name) {
        Map<String, Object> yml = Repository.springDefaults(applicationYml(name));
        Object port = ((Map<String, Object>) yml.get("server")).get("port");
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(port));
        if (!placeholder.matches()) {
            throw new IllegalStateException(name + ": server.port is not ${VARIABLE:default} but " + port);
        }
        return new Service(name, !name.equals("api-service"), placeholder.group(1),
                Integer.parseInt(placeholder.group(2)));
    }

    static Path applicationYml(String name) {
        return Repository.file(name + "/src/main/resources/application.yml");
    }

    /** The Dockerfile its image is built from (build context: the repository root). */
    String dockerfile() {
        return "docker/" + name + ".Dockerfile";
    }

    /** The image's repository name, as compose and the manifests use it. */
    String image() {
        return "robustlab/" + name;
    }
}
