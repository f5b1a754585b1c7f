package io.robustlab.artifacts;

import java.net.URI;

/**
 * Where an S3 store is.
 *
 * @param endpoint     the server, e.g. {@code http://minio:9000}; null for AWS itself
 * @param region       e.g. {@code us-east-1} (MinIO accepts any)
 * @param bucket       the bucket
 * @param accessKey    the access key id; null to use the AWS default credentials chain
 * @param secretKey    the secret key
 * @param pathStyle    path-style URLs ({@code endpoint/bucket/key}), which MinIO and most S3-compatible stores need
 * @param createBucket create the bucket when it does not exist
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey,
        boolean pathStyle, boolean createBucket) {
}
