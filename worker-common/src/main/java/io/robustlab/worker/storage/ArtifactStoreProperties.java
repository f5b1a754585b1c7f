package io.robustlab.worker.storage;

import io.robustlab.artifacts.ArtifactStore;
import io.robustlab.artifacts.FileSystemArtifactStore;
import io.robustlab.artifacts.S3ArtifactStore;
import io.robustlab.artifacts.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where jobs keep their files ({@code robustlab.artifacts}): the same properties the API reads, since the API
 * serves and deletes what the workers store.
 *
 * @param store {@code filesystem} (standalone, one server, tests) or {@code s3} (MinIO, AWS)
 * @param root  the filesystem store's folder; default {@code ~/.robustlab/artifacts}
 * @param s3    the S3 store's settings
 */
@ConfigurationProperties("robustlab.artifacts")
public record ArtifactStoreProperties(@DefaultValue("filesystem") Store store, Path root, @DefaultValue S3 s3) {

    public enum Store { FILESYSTEM, S3 }

    public ArtifactStoreProperties {
        if (root == null) {
            root = Path.of(System.getProperty("user.home"), ".robustlab", "artifacts");
        }
    }

    /**
     * @param endpoint     e.g. {@code http://minio:9000}; empty for AWS
     * @param region       e.g. {@code us-east-1}
     * @param bucket       the bucket
     * @param accessKey    empty to use the AWS default credentials chain
     * @param secretKey    the secret key
     * @param pathStyle    path-style URLs, which MinIO and most S3-compatible stores need
     * @param createBucket create the bucket when it is missing
     */
    public record S3(URI endpoint, @DefaultValue("us-east-1") String region,
            @DefaultValue("robustlab-artifacts") String bucket, String accessKey, String secretKey,
            @DefaultValue("true") boolean pathStyle, @DefaultValue("false") boolean createBucket) {
    }

    /** Opens the configured store. */
    public ArtifactStore open() throws IOException {
        return switch (store) {
            case FILESYSTEM -> new FileSystemArtifactStore(root);
            case S3 -> S3ArtifactStore.connect(new S3Settings(s3.endpoint(), s3.region(), s3.bucket(),
                    blankToNull(s3.accessKey()), blankToNull(s3.secretKey()), s3.pathStyle(), s3.createBucket()));
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
