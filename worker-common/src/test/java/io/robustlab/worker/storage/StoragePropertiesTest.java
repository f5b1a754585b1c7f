package io.robustlab.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.robustlab.artifacts.FileSystemArtifactStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StoragePropertiesTest {

    @TempDir
    Path temp;

    private static StorageProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("robustlab.storage", StorageProperties.class);
    }

    @Test
    void theFilesystemStoreIsTheDefaultAndUsesTheConfiguredRoot() throws Exception {
        StorageProperties properties = bind(Map.of("robustlab.storage.root", temp.toString()));

        assertThat(properties.type()).isEqualTo(StorageProperties.Type.FILESYSTEM);
        assertThat(properties.open()).isInstanceOfSatisfying(FileSystemArtifactStore.class,
                store -> assertThat(store.root()).isEqualTo(temp));
    }

    @Test
    void s3SettingsBindFromEnvironmentStyleNames() {
        StorageProperties properties = bind(Map.of("robustlab.storage.type", "s3",
                "robustlab.storage.s3.endpoint", "http://minio:9000", "robustlab.storage.s3.bucket", "robustlab",
                "robustlab.storage.s3.access-key", "key", "robustlab.storage.s3.create-bucket", "true"));

        assertThat(properties.type()).isEqualTo(StorageProperties.Type.S3);
        assertThat(properties.s3().endpoint()).hasToString("http://minio:9000");
        assertThat(properties.s3().bucket()).isEqualTo("robustlab");
        assertThat(properties.s3().region()).isEqualTo("us-east-1");
        assertThat(properties.s3().pathStyle()).isTrue();
        assertThat(properties.s3().createBucket()).isTrue();
    }

    @Test
    void s3WithoutABucketSaysWhichPropertyIsMissing() {
        StorageProperties properties = bind(Map.of("robustlab.storage.type", "s3"));

        assertThatThrownBy(properties::open).hasMessageContaining("robustlab.storage.s3.bucket");
    }
}
