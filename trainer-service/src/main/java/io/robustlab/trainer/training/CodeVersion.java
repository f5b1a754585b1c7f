package io.robustlab.trainer.training;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** Which RobustLab build is running, for model cards: the build's version and time, when the build recorded them. */
@Component
class CodeVersion {

    private final String description;

    CodeVersion(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.description = properties == null ? "unknown (no build-info.properties)"
                : properties.getArtifact() + " " + properties.getVersion() + " built " + properties.getTime();
    }

    String describe() {
        return description;
    }
}
