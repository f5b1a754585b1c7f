package io.robustlab.deploy;

import io.robustlab.artifacts.ArtifactStoreSettings;
import io.robustlab.core.data.DataLocations;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The environment variables a service reads, from its real configuration: the {@code ${VARIABLE}} placeholders of
 * its {@code application.yml}, the variables Spring binds to its {@code @ConfigurationProperties} records (found on
 * the class path, in the modules the service is built from) and to {@code robustlab.artifacts.*}
 * ({@link ArtifactStoreSettings}), and the few read outside Spring (datasets, DJL, OpenMP, the JVM).
 */
final class ServiceConfiguration {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Map<String, List<Class<?>>> RECORDS_BY_MODULE = recordsByModule();

    private ServiceConfiguration() {
    }

    /** Every environment variable the service reads. */
    static Set<String> variables(Service service) {
        Set<String> names = placeholders(service);
        properties(service).values().forEach(names::addAll);
        names.add("JAVA_TOOL_OPTIONS");
        if (service.worker()) {
            // DataLocations reads these itself; DJL, OpenMP/MKL (the ./robustlab launcher's settings) and the
            // NVIDIA container runtime read the rest.
            names.addAll(List.of(DataLocations.DATA_DIR_VARIABLE, DataLocations.DOWNLOAD_VARIABLE, "DJL_CACHE_DIR",
                    "PYTORCH_FLAVOR", "OMP_DYNAMIC", "MKL_DYNAMIC", "MKL_CBWR", "NVIDIA_DRIVER_CAPABILITIES"));
        }
        return names;
    }

    /**
     * Every property Spring binds for the service from its records, each with the environment variables it can be
     * given as, e.g. {@code robustlab.worker.shutdown-timeout} with {@code ROBUSTLAB_WORKER_SHUTDOWNTIMEOUT} and
     * {@code ROBUSTLAB_WORKER_SHUTDOWN_TIMEOUT}.
     */
    static Map<String, Set<String>> properties(Service service) {
        Map<String, Set<String>> properties = new LinkedHashMap<>();
        addProperties(properties, "robustlab.artifacts", ArtifactStoreSettings.class);
        for (String module : modules(service)) {
            for (Class<?> record : RECORDS_BY_MODULE.getOrDefault(module, List.of())) {
                addProperties(properties, prefix(record), record);
            }
        }
        return properties;
    }

    /** The {@code ${VARIABLE}} placeholders of the service's application.yml. */
    static Set<String> placeholders(Service service) {
        Set<String> names = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(Repository.read(Service.applicationYml(service.name())));
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }

    private static List<String> modules(Service service) {
        return service.worker() ? List.of("worker-common", service.name()) : List.of(service.name());
    }

    /** Both names Spring binds from the environment: canonical ({@code ..._WORKDIRECTORY}) and with underscores. */
    private static void addProperties(Map<String, Set<String>> properties, String prefix, Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            String property = prefix + "." + kebab(component.getName());
            Class<?> type = component.getType();
            if (type.isRecord() && type.getPackageName().startsWith("io.robustlab")) {
                addProperties(properties, property, type);
            } else {
                properties.put(property, new TreeSet<>(List.of(
                        property.replace(".", "_").replace("-", "").toUpperCase(),
                        property.replace(".", "_").replace("-", "_").toUpperCase())));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String prefix(Class<?> record) {
        ConfigurationProperties annotation = AnnotationUtils.findAnnotation(record, ConfigurationProperties.class);
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }

    private static Map<String, List<Class<?>>> recordsByModule() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, List<Class<?>>> byModule = new LinkedHashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.robustlab")) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            if (!type.isRecord()) {
                throw new IllegalStateException(type + " is @ConfigurationProperties but not a record: teach "
                        + "ServiceConfiguration to read it");
            }
            String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
            // target/classes of the module in a reactor build, or its jar (<module>-<version>.jar).
            String module = List.of("worker-common", "api-service", "trainer-service", "attack-service").stream()
                    .filter(m -> location.contains("/" + m + "/target/") || location.contains("/" + m + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(type + " comes from no known module: " + location));
            byModule.computeIfAbsent(module, m -> new ArrayList<>()).add(type);
        }
        return byModule;
    }
}
