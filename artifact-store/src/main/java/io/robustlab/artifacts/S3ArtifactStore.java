package io.robustlab.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket (AWS, MinIO, any S3-compatible store), one object per key. A put is a single PutObject,
 * which S3 makes visible whole or not at all; the object carries its SHA-256 as user metadata.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    public S3ArtifactStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** A store on a client built from settings; creates the bucket when asked to and it is missing. */
    public static S3ArtifactStore connect(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // Newer SDKs send checksum headers by default, which several S3-compatible stores reject.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(settings.accessKey() == null ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
                                settings.secretKey())));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        S3ArtifactStore store = new S3ArtifactStore(builder.build(), settings.bucket());
        if (settings.createBucket()) {
            store.createBucketIfMissing();
        }
        return store;
    }

    void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public StoredArtifact put(String key, Path file, String contentType) throws IOException {
        ArtifactKeys.check(key);
        String sha256 = Sha256.of(file);
        long size = Files.size(file);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(size)
                    .metadata(Map.of("sha256", sha256)), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("cannot store " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
        return new StoredArtifact(key, size, sha256);
    }

    @Override
    public InputStream open(String key, long offset) throws IOException {
        ArtifactKeys.check(key);
        try {
            return s3.getObject(b -> {
                b.bucket(bucket).key(key);
                if (offset > 0) {
                    b.range("bytes=" + offset + "-");
                }
            });
        } catch (NoSuchKeyException e) {
            throw new ArtifactNotFoundException(key);
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        ArtifactKeys.check(key);
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(head.contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("cannot look up " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot look up " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        ArtifactKeys.checkPrefix(prefix);
        try {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).forEach(keys::add);
            keys.sort(null);
            return keys;
        } catch (SdkException e) {
            throw new IOException("cannot list " + prefix + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        ArtifactKeys.check(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("cannot delete " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        List<String> keys = list(prefix);
        try {
            // DeleteObjects takes at most 1000 keys per request.
            for (int from = 0; from < keys.size(); from += 1000) {
                List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                        .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
                s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
            }
        } catch (SdkException e) {
            throw new IOException("cannot delete " + prefix + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
