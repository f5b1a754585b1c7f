package io.robustlab.artifacts;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which artifact store to open, as the API and the workers configure it ({@code robustlab.artifacts.*}); the one
 * description of those settings, with their defaults. Plain Java: the services bind it from their configuration.
 *
 * @param store {@code FILESYSTEM} (default; standalone, one server, tests) or {@code S3} (MinIO, AWS)
 * @param root  the filesystem store's folder; default {@code ~/.robustlab/artifacts}
 * @param s3    the S3 store's settings
 */
public record ArtifactStoreSettings(Store store, Path root, S3 s3) {

    public enum Store { FILESYSTEM, S3 }

    public ArtifactStoreSettings {
        store = Objects.requireNonNullElse(store, Store.FILESYSTEM);
        root = Objects.requireNonNullElse(root, Path.of(System.getProperty("user.home"), ".robustlab", "artifacts"));
        s3 = Objects.requireNonNullElse(s3, new S3(null, null, null, null, null, null, null));
    }

    /**
     * An S3 bucket.
     *
     * @param endpoint     e.g. {@code http://minio:9000}; null for AWS
     * @param region       default {@code us-east-1} (MinIO accepts any)
     * @param bucket       default {@code robustlab-artifacts}
     * @param accessKey    blank to use AWS's default credentials chain
     * @param secretKey    the secret of the access key
     * @param pathStyle    path-style URLs, which MinIO and most S3-compatible stores need; default true
     * @param createBucket create the bucket when it is missing; default false
     */
    public record S3(URI endpoint, String region, String bucket, String accessKey, String secretKey,
            Boolean pathStyle, Boolean createBucket) {

        public S3 {
            region = Objects.requireNonNullElse(region, "us-east-1");
            bucket = Objects.requireNonNullElse(bucket, "robustlab-artifacts");
            accessKey = accessKey == null || accessKey.isBlank() ? null : accessKey;
            secretKey = secretKey == null || secretKey.isBlank() ? null : secretKey;
            pathStyle = Objects.requireNonNullElse(pathStyle, true);
            createBucket = Objects.requireNonNullElse(createBucket, false);
        }
    }

    /** Opens the configured store. */
    public ArtifactStore open() throws IOException {
        return switch (store) {
            case FILESYSTEM -> new FileSystemArtifactStore(root);
            case S3 -> S3ArtifactStore.connect(new S3Settings(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(),
                    s3.secretKey(), s3.pathStyle(), s3.createBucket()));
        };
    }

    /** Where the store is, for logs. */
    public String describe() {
        return switch (store) {
            case FILESYSTEM -> "the directory " + root;
            case S3 -> "S3 bucket " + s3.bucket() + " at " + (s3.endpoint() == null ? "AWS" : s3.endpoint());
        };
    }
}
