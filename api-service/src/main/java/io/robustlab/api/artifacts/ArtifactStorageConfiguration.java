package io.robustlab.api.artifacts;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.ArtifactStoreSettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The artifact store the workers write to, from {@code robustlab.artifacts.*} ({@link ArtifactStoreSettings}). */
@Configuration(proxyBeanMethods = false)
class ArtifactStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArtifactStorageConfiguration.class);

    @Bean
    ArtifactStore artifactStore(Environment environment) throws IOException {
        ArtifactStoreSettings settings = Binder.get(environment)
                .bindOrCreate("robustlab.artifacts", ArtifactStoreSettings.class);
        log.info("artifacts are read from {}", settings.describe());
        return settings.open();
    }
}
