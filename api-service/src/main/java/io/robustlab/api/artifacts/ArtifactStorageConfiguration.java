package io.robustlab.api.artifacts;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.artifacts.S3ArtifactStore;
import io.robustlab.artifacts.S3Settings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The artifact store the workers write to, as {@link ArtifactProperties} names it. */
@Configuration(proxyBeanMethods = false)
class ArtifactStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ArtifactStorageConfiguration.class);

    @Bean
    ArtifactStore artifactStore(ArtifactProperties properties) throws IOException {
        return switch (properties.store()) {
            case "filesystem" -> {
                log.info("artifacts are read from the directory {}", properties.root());
                yield new FileSystemArtifactStore(properties.root());
            }
            case "s3" -> {
                ArtifactProperties.S3 s3 = properties.s3();
                log.info("artifacts are read from S3 bucket {} at {}", s3.bucket(),
                        s3.endpoint() == null ? "AWS" : s3.endpoint());
                yield S3ArtifactStore.connect(new S3Settings(s3.endpoint(), s3.region(), s3.bucket(),
                        blankToNull(s3.accessKey()), s3.secretKey(), s3.pathStyle(), s3.createBucket()));
            }
            default -> throw new IllegalStateException("robustlab.artifacts.store must be filesystem or s3, not '"
                    + properties.store() + "'");
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
