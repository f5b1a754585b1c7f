package io.robustlab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's "Configuration reference" names every setting of every service: each variable its application.yml
 * reads, and each property of its {@code @ConfigurationProperties} records (by name or by environment variable).
 */
class ConfigurationReferenceTest {

    @Test
    void theReferenceNamesEverySettingOfEveryService() {
        String readme = Repository.read(Repository.file("README.md"));
        int start = readme.indexOf("\n## Configuration reference\n");
        assertThat(start).as("README section Configuration reference").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        String reference = readme.substring(start, end < 0 ? readme.length() : end);

        List<String> missing = new ArrayList<>();
        for (Service service : Service.all()) {
            for (String variable : ServiceConfiguration.placeholders(service)) {
                if (!reference.contains("`" + variable + "`")) {
                    missing.add(service.name() + ": " + variable);
                }
            }
            Map<String, Set<String>> properties = ServiceConfiguration.properties(service);
            assertThat(properties).as(service.name() + " properties found on the class path").isNotEmpty();
            properties.forEach((property, variables) -> {
                if (!reference.contains(property) && variables.stream().noneMatch(v -> reference.contains("`" + v + "`"))) {
                    missing.add(service.name() + ": " + property);
                }
            });
        }
        assertThat(missing).as("settings the README's Configuration reference does not name").isEmpty();
    }
}
