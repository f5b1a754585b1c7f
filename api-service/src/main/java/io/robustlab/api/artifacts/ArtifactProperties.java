package io.robustlab.api.artifacts;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The artifact store the API reads.
 *
 * @param root the directory of the filesystem store ({@code ROBUSTLAB_ARTIFACTS_ROOT}; default
 *             {@code ~/.robustlab/artifacts}); store keys are paths relative to it
 */
@ConfigurationProperties("robustlab.artifacts")
public record ArtifactProperties(Path root) {

    public ArtifactProperties {
        if (root == null) {
            root = Path.of(System.getProperty("user.home"), ".robustlab", "artifacts");
        }
    }
}
