package io.robustlab.api.artifacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The artifact store the API reads: the filesystem store for now. The workers' S3 store comes with issue 5; an S3
 * reader for the API (ranged GETs behind {@link ArtifactStorage}) is to be added with it.
 */
@Configuration(proxyBeanMethods = false)
class ArtifactStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArtifactStorageConfiguration.class);

    @Bean
    ArtifactStorage artifactStorage(ArtifactProperties properties) {
        ArtifactStorage storage = new FilesystemArtifactStorage(properties.root());
        log.info("artifacts are read from the {}", storage.describe());
        return storage;
    }
}
