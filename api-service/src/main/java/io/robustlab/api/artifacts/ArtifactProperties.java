package io.robustlab.api.artifacts;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The artifact store the API reads and deletes from: the one the workers write to.
 *
 * @param store which store: {@code filesystem} or {@code s3}
 * @param root  the filesystem store's directory ({@code ROBUSTLAB_ARTIFACTS_ROOT}; default
 *              {@code ~/.robustlab/artifacts}); store keys are paths relative to it
 * @param s3    the S3 store (MinIO, AWS)
 */
@ConfigurationProperties("robustlab.artifacts")
public record ArtifactProperties(@DefaultValue("filesystem") String store, Path root, @DefaultValue S3 s3) {

    public ArtifactProperties {
        if (root == null) {
            root = Path.of(System.getProperty("user.home"), ".robustlab", "artifacts");
        }
    }

    /**
     * An S3 bucket.
     *
     * @param endpoint     e.g. {@code http://minio:9000}; empty for AWS
     * @param region       the region (MinIO accepts any)
     * @param bucket       the bucket
     * @param accessKey    empty to use AWS's default credentials chain
     * @param secretKey    the secret of the access key
     * @param pathStyle    path-style URLs, which MinIO needs
     * @param createBucket create the bucket when missing
     */
    public record S3(URI endpoint, @DefaultValue("us-east-1") String region,
            @DefaultValue("robustlab-artifacts") String bucket, String accessKey, String secretKey,
            @DefaultValue("true") boolean pathStyle, @DefaultValue("false") boolean createBucket) {
    }
}
